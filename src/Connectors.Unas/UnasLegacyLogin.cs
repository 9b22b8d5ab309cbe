namespace Connectors.Unas;

/// <summary>
/// The legacy user/password login, which Unas documents as deprecated ("only for solutions already built this way").
/// ASSUMPTION: the field names Username, PasswordCrypt, ShopId and AuthCode come from seed 000's settings page; the
/// public docs cut off before the sample XML, so the request shape below is unverified. It is kept in this one class
/// so a correction touches nothing else. The answer is assumed to be the same &lt;Login&gt; block as the API-key login.
/// </summary>
internal static class UnasLegacyLogin
{
    public static byte[] Body(UnasOptions options) => UnasXml.Write(w =>
    {
        w.WriteStartElement("Params");
        w.WriteElementString("Username", options.Username);
        w.WriteElementString("PasswordCrypt", options.PasswordCrypt);
        w.WriteElementString("ShopId", options.ShopId);
        w.WriteElementString("AuthCode", options.AuthCode);
        w.WriteEndElement();
    });
}
