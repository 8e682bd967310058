using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

/// <summary>What the browser tests do at the counter of Phường Hoàn Kiếm.</summary>
internal static class Counter
{
    /// <summary>The QR code of Nguyễn Văn Án's citizen ID card (what a 2D scanner types from the chip-based card).</summary>
    public const string AnCard = "001085012345|012345678|Nguyễn Văn Án|15031985|Nam|Số 5 phố Hàng Bông, phường Hoàn Kiếm, Hà Nội|01012022";

    /// <summary>The QR code of Lê Thị Hoa's citizen ID card.</summary>
    public const string HoaCard = "001190012345|012345678|Lê Thị Hoa|20071990|Nữ|Số 8 phố Hàng Gai, phường Hoàn Kiếm, Hà Nội|01012022";

    /// <summary>A birth registration accepted at the counter by the officer of <paramref name="reception"/>, from the card scanned; its code.</summary>
    public static async Task<string> AcceptBirthRegistrationAsync(IPage reception, string card, string phone)
    {
        await reception.GotoAsync("/Reception?procedure=1.001193");
        await reception.Locator("#citizen-id-scan").FillAsync(card);
        await reception.Locator("#citizen-id-scan").PressAsync("Enter");
        await reception.Locator("#Input_Phone").FillAsync(phone);
        await reception.Locator("#document-0").CheckAsync();
        await reception.Locator("#document-6").CheckAsync();
        await reception.Locator("#decide-accept").ClickAsync();
        await reception.WaitForURLAsync("**/Reception/Received?code=*");
        return await reception.Locator("#dossier-code").InnerTextAsync();
    }
}
