using System.Xml.Linq;

namespace Connectors.Testing;

/// <summary>
/// The element order of the qbXML add requests the simulated QuickBooks checks, from the SDK's On-Screen Reference
/// (qbXML 13.0): QuickBooks validates a request against its schema, so an element out of order or unknown fails the whole
/// document with a parser HRESULT. Queries are not checked.
/// </summary>
internal static class QbXmlSchemaOrder
{
    private static readonly string[] SaleLine =
        ["ItemRef", "Desc", "Quantity", "UnitOfMeasure", "Rate", "RatePercent", "PriceLevelRef", "ClassRef", "Amount", "OptionForPriceRuleConflict", "InventorySiteRef", "InventorySiteLocationRef", "SerialNumber", "LotNumber", "ServiceDate", "SalesTaxCodeRef", "IsTaxable", "OverrideItemAccountRef", "Other1", "Other2", "CreditCardTxnInfo", "DataExt"];

    private static readonly string[] ExpenseLine = ["AccountRef", "Amount", "Memo", "CustomerRef", "ClassRef", "SalesTaxCodeRef", "BillableStatus", "SalesRepRef", "DataExt"];

    private static readonly Dictionary<string, string[]> Orders = new(StringComparer.Ordinal)
    {
        ["SalesReceiptAdd"] = ["CustomerRef", "ClassRef", "TemplateRef", "TxnDate", "RefNumber", "BillAddress", "ShipAddress", "IsPending", "CheckNumber", "PaymentMethodRef", "DueDate", "SalesRepRef", "ShipDate", "ShipMethodRef", "FOB", "ItemSalesTaxRef", "Memo", "CustomerMsgRef", "IsToBePrinted", "IsToBeEmailed", "IsTaxIncluded", "CustomerSalesTaxCodeRef", "DepositToAccountRef", "CreditCardTxnInfo", "Other", "ExchangeRate", "ExternalGUID", "SalesReceiptLineAdd", "SalesReceiptLineGroupAdd"],
        ["InvoiceAdd"] = ["CustomerRef", "ClassRef", "ARAccountRef", "TemplateRef", "TxnDate", "RefNumber", "BillAddress", "ShipAddress", "IsPending", "PONumber", "TermsRef", "DueDate", "SalesRepRef", "FOB", "ShipDate", "ShipMethodRef", "ItemSalesTaxRef", "Memo", "CustomerMsgRef", "IsToBePrinted", "IsToBeEmailed", "IsTaxIncluded", "CustomerSalesTaxCodeRef", "Other", "ExchangeRate", "ExternalGUID", "LinkToTxnID", "SetCredit", "InvoiceLineAdd", "InvoiceLineGroupAdd"],
        ["SalesReceiptLineAdd"] = SaleLine,
        ["InvoiceLineAdd"] = SaleLine,
        ["ReceivePaymentAdd"] = ["CustomerRef", "ARAccountRef", "TxnDate", "RefNumber", "TotalAmount", "ExchangeRate", "PaymentMethodRef", "Memo", "DepositToAccountRef", "CreditCardTxnInfo", "ExternalGUID", "IsAutoApply", "AppliedToTxnAdd"],
        ["AppliedToTxnAdd"] = ["TxnID", "PaymentAmount", "SetCredit", "DiscountAmount", "DiscountAccountRef", "DiscountClassRef"],
        ["CheckAdd"] = ["AccountRef", "PayeeEntityRef", "RefNumber", "TxnDate", "Memo", "Address", "IsToBePrinted", "ExchangeRate", "ExternalGUID", "ApplyCheckToTxnAdd", "ExpenseLineAdd", "ItemLineAdd", "ItemGroupLineAdd"],
        ["CreditCardChargeAdd"] = ["AccountRef", "PayeeEntityRef", "TxnDate", "RefNumber", "Memo", "IsTaxIncluded", "SalesTaxCodeRef", "ExchangeRate", "ExternalGUID", "ExpenseLineAdd", "ItemLineAdd", "ItemGroupLineAdd"],
        ["ExpenseLineAdd"] = ExpenseLine,
        ["CustomerAdd"] = ["Name", "IsActive", "ClassRef", "ParentRef", "CompanyName", "Salutation", "FirstName", "MiddleName", "LastName", "JobTitle", "BillAddress", "ShipAddress", "ShipToAddress", "PrintAs", "Phone", "AltPhone", "Fax", "Email", "Cc", "Contact", "AltContact"],
        ["ItemNonInventoryAdd"] = ["Name", "BarCode", "IsActive", "ClassRef", "ParentRef", "ManufacturerPartNumber", "UnitOfMeasureSetRef", "IsTaxIncluded", "SalesTaxCodeRef", "SalesOrPurchase", "SalesAndPurchase", "ExternalGUID"],
        ["SalesOrPurchase"] = ["Desc", "Price", "PricePercent", "AccountRef"],
    };

    /// <summary>What is wrong with the order of <paramref name="request"/>'s elements, or null.</summary>
    public static string? Problem(XElement request)
    {
        foreach (var element in request.DescendantsAndSelf())
        {
            if (!Orders.TryGetValue(element.Name.LocalName, out var order))
            {
                continue;
            }

            var last = -1;
            foreach (var child in element.Elements())
            {
                var at = Array.IndexOf(order, child.Name.LocalName);
                if (at < 0 || at < last)
                {
                    return $"{element.Name.LocalName}: '{child.Name.LocalName}' {(at < 0 ? "is not an element of it" : "is out of order")}";
                }

                last = at;
            }
        }

        return null;
    }
}
