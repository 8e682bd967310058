using DossierWorkflow.Dossiers.Dossiers;

namespace DossierWorkflow.Dossiers.Tests.Dossiers;

public sealed class ApplicantDetailsTests
{
    [Theory]
    [InlineData("001085012345", "1985-03-15", Gender.Male)]
    [InlineData("079190000123", "1990-01-01", Gender.Female)]
    [InlineData("001305000001", "2005-06-30", Gender.Female)]
    [InlineData("096204000001", "2004-12-31", Gender.Male)]
    public void A_citizen_id_agrees_with_the_province_century_year_and_gender_it_encodes(string id, string born, Gender gender) =>
        Assert.Null(CitizenIdNumber.CheckAgainst(id, DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), gender));

    [Theory]
    [InlineData("00108501234", CitizenIdProblem.NotTwelveDigits)]
    [InlineData("00108501234x", CitizenIdProblem.NotTwelveDigits)]
    [InlineData("000085012345", CitizenIdProblem.UnknownProvince)]
    [InlineData("097085012345", CitizenIdProblem.UnknownProvince)]
    public void A_malformed_citizen_id_is_told_apart(string id, CitizenIdProblem problem) => Assert.Equal(problem, CitizenIdNumber.Check(id));

    [Fact]
    public void A_citizen_id_of_another_century_year_or_gender_is_a_mismatch()
    {
        Assert.Equal(CitizenIdProblem.BirthYearMismatch, CitizenIdNumber.CheckAgainst("001085012345", new DateOnly(1986, 3, 15), null));
        Assert.Equal(CitizenIdProblem.BirthYearMismatch, CitizenIdNumber.CheckAgainst("001285012345", new DateOnly(1985, 3, 15), null));
        Assert.Equal(CitizenIdProblem.GenderMismatch, CitizenIdNumber.CheckAgainst("001185012345", new DateOnly(1985, 3, 15), Gender.Male));
        Assert.Null(CitizenIdNumber.CheckAgainst("001185012345", null, null));
    }

    [Theory]
    [InlineData("0912345678", "0912345678")]
    [InlineData("+84912345678", "0912345678")]
    [InlineData("+84 912 345 678", "0912345678")]
    [InlineData("091.234.5678", "0912345678")]
    [InlineData("091234567", null)]
    [InlineData("09123456789", null)]
    [InlineData("0012345678", null)]
    [InlineData("84912345678", null)]
    [InlineData("091234567a", null)]
    public void Vietnamese_phone_numbers_are_ten_digits_from_0_or_plus_84(string entered, string? stored) =>
        Assert.Equal(stored, ContactDetails.NormalisePhone(entered));

    [Theory]
    [InlineData("an.nguyen@example.vn", true)]
    [InlineData("an@", false)]
    [InlineData("an@example", false)]
    [InlineData("Nguyễn Văn An <an@example.vn>", false)]
    [InlineData("an@@example.vn", false)]
    public void An_email_address_is_a_plain_address(string text, bool valid) => Assert.Equal(valid, ContactDetails.IsEmail(text));

    [Fact]
    public void A_closed_dossier_never_changes_status_again()
    {
        var dossier = new Dossier
        {
            Code = "000.00.25.H26-261204-0001", ProcedureCode = "1.001193", ProcedureKey = "birth-registration", ProcedureName = "Thủ tục đăng ký khai sinh",
            Sector = "Hộ tịch", ProcedureVersionJson = "{}", FormTemplateVersion = "TT03-2025", ReceivingUnit = "HN.HOANKIEM",
            Applicant = new DossierApplicant { Name = "Nguyễn Văn Án" }, FeeExplanation = "", ReceivedBy = "tiepnhan",
        };
        var now = DateTimeOffset.UtcNow;

        dossier.MoveTo(DossierStatus.Refused, now);

        Assert.Throws<InvalidOperationException>(() => dossier.MoveTo(DossierStatus.Accepted, now));
        Assert.Equal(DossierStatus.Refused, dossier.Status);
    }
}
