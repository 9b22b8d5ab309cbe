using System.Globalization;
using Microsoft.Extensions.Options;

namespace Connectors.QuickBooks.Desktop;

/// <summary>Checks <see cref="QuickBooksDesktopOptions"/> at start-up; messages name the field and value, never the password.</summary>
internal sealed class QuickBooksDesktopOptionsValidator : IValidateOptions<QuickBooksDesktopOptions>
{
    public ValidateOptionsResult Validate(string? name, QuickBooksDesktopOptions options)
    {
        var errors = new List<string>();
        var prefix = $"Connectors:QuickBooksDesktop ({name})";
        if (string.IsNullOrWhiteSpace(options.UserName) || string.IsNullOrEmpty(options.Password))
        {
            errors.Add($"{prefix}: UserName and Password must be set (what the merchant enters in the Web Connector for this company file).");
        }

        if (options.AppUrl is { } app && QwcFile.AppUrlProblem(app) is { } problem)
        {
            errors.Add($"{prefix}: AppUrl '{app}' {problem}");
        }

        if (QbXmlVersion.TryParse(options.QbXmlVersion, out var version) is false || version < QbXmlVersion.Minimum)
        {
            errors.Add($"{prefix}: QbXmlVersion must be a qbXML version from {QbXmlVersion.Minimum} up (e.g. 13.0), but was '{options.QbXmlVersion}'.");
        }

        if (options.PollMinutes is < 1 or > 1440)
        {
            errors.Add($"{prefix}: PollMinutes must be from 1 to 1440, but was '{options.PollMinutes}'.");
        }

        if (options.MaxPostingsPerSession is < 1 or > 1000)
        {
            errors.Add($"{prefix}: MaxPostingsPerSession must be from 1 to 1000, but was '{options.MaxPostingsPerSession}'.");
        }

        foreach (var (field, value) in new[] { ("DepositToAccount", options.DepositToAccount), ("ShippingItem", options.ShippingItem), ("DefaultItem", options.DefaultItem) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{prefix}: {field} must be set (the full name of an account or item in the company file).");
            }
        }

        if (!Enum.IsDefined(options.DocumentType) || !Enum.IsDefined(options.MissingItem) || !Enum.IsDefined(options.Customers) || !Enum.IsDefined(options.Tax) || !Enum.IsDefined(options.ExpensesPaidBy))
        {
            errors.Add($"{prefix}: DocumentType, MissingItem, Customers, Tax and ExpensesPaidBy must be one of their names, but were '{options.DocumentType}', '{options.MissingItem}', '{options.Customers}', '{options.Tax}', '{options.ExpensesPaidBy}'.");
        }

        if (options.MissingItem == QuickBooksMissingItem.Create && string.IsNullOrWhiteSpace(options.IncomeAccount))
        {
            errors.Add($"{prefix}: MissingItem is Create, so IncomeAccount must name the income account of created items.");
        }

        if (options.Tax == QuickBooksDesktopTax.TaxLine && string.IsNullOrWhiteSpace(options.TaxLineItem))
        {
            errors.Add($"{prefix}: Tax is TaxLine, so TaxLineItem must name the item the tax total is posted on.");
        }

        if (options.Tax == QuickBooksDesktopTax.SalesTaxItem && string.IsNullOrWhiteSpace(options.SalesTaxItem))
        {
            errors.Add($"{prefix}: Tax is SalesTaxItem, so SalesTaxItem must name the sales tax item QuickBooks computes with.");
        }

        foreach (var rate in options.TaxCodes.Keys.Where(k => k != "*" && !decimal.TryParse(k, NumberStyles.Number, CultureInfo.InvariantCulture, out _)))
        {
            errors.Add($"{prefix}: TaxCodes keys are rates in percent (\"10\") or \"*\", but one was '{rate}'.");
        }

        if (!options.TaxCodes.ContainsKey("0"))
        {
            errors.Add($"{prefix}: TaxCodes must name the code of rate 0 (\"0\": \"Non\").");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
