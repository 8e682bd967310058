using System.Net;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Payments;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Portal.Tests.Pages.Account;
using DossierWorkflow.Portal.Tests.Pages.MyDossiers;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Portal.Tests.Payments;

/// <summary>
/// Paying a dossier's fee online through a bank gateway (a local server playing one, signing as banks sign): the
/// redirect signed, the notification the only thing trusted — recorded once, refused when its signature or amount is wrong.
/// </summary>
public abstract class PaymentTests<TApp>(TApp app) where TApp : OfficerUiApp, IPaymentApp
{
    private readonly string _email = $"{Guid.NewGuid():N}@example.vn";
    private readonly CitizenClient _citizen = new(app);

    [Fact]
    public async Task The_fee_paid_at_the_gateway_is_recorded_on_the_dossier_from_the_banks_notification()
    {
        var (code, orderRef) = await PayAsync();

        var beforeNotice = await _citizen.Http.GetStringAsync(app.Gateway.ReturnAddress(orderRef), TestContext.Current.CancellationToken);
        var notice = await app.Gateway.NotifyAsync(app.Portal.CreateClient(), orderRef);
        var afterNotice = await _citizen.Http.GetStringAsync(app.Gateway.ReturnAddress(orderRef), TestContext.Current.CancellationToken);

        Assert.Equal(0, app.Gateway.Forged);
        Assert.Equal("400000", app.Gateway.Orders[orderRef]["vnp_Amount"]);
        Assert.Contains("Ngân hàng chưa xác nhận giao dịch", beforeNotice, StringComparison.Ordinal);
        Assert.Equal(("00", "Confirm Success"), notice);
        Assert.Contains($"Đã thanh toán 4.000 ₫ cho hồ sơ {code}", afterNotice, StringComparison.Ordinal);
        var dossier = await DossierAsync(code);
        var payment = Assert.Single(dossier.Payments);
        Assert.Equal((4000L, PaymentMethod.Online, PaymentGateway.TransactionNo(orderRef), OnlinePayments.Recorder), (payment.Amount, payment.Method, payment.Reference, payment.RecordedBy));
        Assert.True(dossier.FeePaid);
        Assert.Equal(0, ResultReturns.Outstanding(dossier));
        Assert.DoesNotContain("id=\"pay-online\"", await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_counter_sees_the_online_payment_with_its_reference_when_it_returns_the_result()
    {
        var (code, orderRef) = await PayAsync();
        await app.Gateway.NotifyAsync(app.Portal.CreateClient(), orderRef);
        await PortalDossiers.DecideAsync(app, code, ReceptionDecision.Accept);
        await PortalDossiers.ResolveAsync(app, code);

        var counter = await app.CreateSignedInClientAsync("tiepnhan");
        var page = await counter.GetStringAsync($"/Return/{code}", TestContext.Current.CancellationToken);

        Assert.Contains($"Đã thu 4.000 đồng — Thanh toán trực tuyến {PaymentGateway.TransactionNo(orderRef)}", System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("data-payment=\"Online\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_notification_changes_nothing()
    {
        var (code, orderRef) = await PayAsync();

        var first = await app.Gateway.NotifyAsync(app.Portal.CreateClient(), orderRef);
        var again = await app.Gateway.NotifyAsync(app.Portal.CreateClient(), orderRef);

        Assert.Equal(("00", "02"), (first.Code, again.Code));
        Assert.Single((await DossierAsync(code)).Payments);
    }

    [Fact]
    public async Task A_notification_with_a_spoiled_signature_or_another_amount_is_refused_and_records_nothing()
    {
        var (code, orderRef) = await PayAsync();

        var tampered = await app.Gateway.NotifyAsync(app.Portal.CreateClient(), orderRef, tamper: true);
        var wrongAmount = await app.Gateway.NotifyAsync(app.Portal.CreateClient(), orderRef, amount: 100);
        var unknown = await app.Portal.CreateClient().GetStringAsync("/thanh-toan/ipn?vnp_TxnRef=NOPE", TestContext.Current.CancellationToken);

        Assert.Equal(("97", "Invalid signature"), tampered);
        Assert.Equal(("04", "Invalid amount"), wrongAmount);
        Assert.Contains("\"rspCode\":\"97\"", unknown, StringComparison.Ordinal);
        Assert.Empty((await DossierAsync(code)).Payments);
        Assert.Equal(("00", "Confirm Success"), await app.Gateway.NotifyAsync(app.Portal.CreateClient(), orderRef));
    }

    [Fact]
    public async Task A_second_payment_waits_while_the_first_may_still_be_paid_at_the_gateway()
    {
        var (code, _) = await PayAsync();

        var page = await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken);
        var second = await _citizen.Http.PostFormAsync($"/ho-so-cua-toi/{code}?handler=Pay", page);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("đang chờ ngân hàng xác nhận", await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<PaymentOrder>().CountAsync(o => o.DossierCode == code, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_payment_the_bank_declined_leaves_the_fee_to_pay_and_may_be_tried_again()
    {
        var (code, orderRef) = await PayAsync();

        var declined = await app.Gateway.NotifyAsync(app.Portal.CreateClient(), orderRef, paid: false);
        var page = await _citizen.Http.GetStringAsync(app.Gateway.ReturnAddress(orderRef, paid: false), TestContext.Current.CancellationToken);

        Assert.Equal("00", declined.Code);
        Assert.Contains("Giao dịch không thành công", page, StringComparison.Ordinal);
        Assert.Empty((await DossierAsync(code)).Payments);
        Assert.Contains("id=\"pay-online\"", await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_portal_sends_the_citizen_to_the_gateway_with_a_request_the_gateway_finds_signed()
    {
        await _citizen.RegisterAndConfirmAsync(app, _email);
        var code = await PortalDossiers.SubmitAsync(app, _email);
        var page = await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken);

        var response = await _citizen.Http.PostFormAsync($"/ho-so-cua-toi/{code}?handler=Pay", page);
        using var browser = new HttpClient();
        var gatewayPage = await browser.GetAsync(response.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(app.Gateway.Url.ToString(), response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, gatewayPage.StatusCode);
        Assert.Contains(app.Gateway.Url.GetLeftPart(UriPartial.Authority), string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fee_that_depends_on_what_reception_counts_is_paid_online_only_once_the_dossier_is_accepted()
    {
        await _citizen.RegisterAndConfirmAsync(app, _email);
        var code = await PortalDossiers.SubmitAsync(app, _email, procedure: "2.000815", documents: [0]);

        var submitted = await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken);
        await PortalDossiers.DecideAsync(app, code, ReceptionDecision.Accept);
        var accepted = await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("id=\"pay-online\"", submitted, StringComparison.Ordinal);
        Assert.Contains("id=\"pay-online\"", accepted, StringComparison.Ordinal);
    }

    /// <summary>Submits a dossier (fee 8,000 đ, half online) and asks to pay it; returns its code and the order's reference.</summary>
    private async Task<(string Code, string OrderRef)> PayAsync()
    {
        await _citizen.RegisterAndConfirmAsync(app, _email);
        var code = await PortalDossiers.SubmitAsync(app, _email);
        var page = await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken);
        Assert.Contains("Thanh toán trực tuyến 4.000 ₫", page, StringComparison.Ordinal);
        var response = await _citizen.Http.PostFormAsync($"/ho-so-cua-toi/{code}?handler=Pay", page);
        using var browser = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(response.Headers.Location, TestContext.Current.CancellationToken)).StatusCode);
        var orderRef = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query)["vnp_TxnRef"]!;
        return (code, orderRef);
    }

    private async Task<Dossier> DossierAsync(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<Dossier>().Include(d => d.Payments).AsNoTracking()
            .SingleAsync(d => d.Code == code, TestContext.Current.CancellationToken);
    }
}

/// <summary>The hosts with the notification channels and a payment gateway (a local server playing one) configured for the portal.</summary>
public interface IPaymentApp : INotifyingApp
{
    PaymentGateway Gateway { get; }

    /// <summary>Starts the gateway and points the portal at it.</summary>
    protected static async Task<PaymentGateway> StartGatewayAsync(PortalHost portal)
    {
        var gateway = await PaymentGateway.StartAsync();
        portal.Settings["Payments:Gateway:Url"] = gateway.Url.ToString();
        portal.Settings["Payments:Gateway:MerchantCode"] = PaymentGateway.MerchantCode;
        portal.Settings["Payments:Gateway:Secret"] = PaymentGateway.Secret;
        return gateway;
    }
}

public sealed class PaymentSqliteApp(SmtpServer smtp) : NotifyingSqliteApp(smtp), IPaymentApp
{
    public PaymentGateway Gateway { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Gateway = await IPaymentApp.StartGatewayAsync(Portal);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}

public sealed class PaymentPostgresApp(PostgresCluster cluster, SmtpServer smtp) : NotifyingPostgresApp(cluster, smtp), IPaymentApp
{
    public PaymentGateway Gateway { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Gateway = await IPaymentApp.StartGatewayAsync(Portal);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}

public sealed class PaymentTestsOnSqlite(PaymentSqliteApp app) : PaymentTests<PaymentSqliteApp>(app), IClassFixture<PaymentSqliteApp>;

public sealed class PaymentTestsOnPostgres(PaymentPostgresApp app) : PaymentTests<PaymentPostgresApp>(app), IClassFixture<PaymentPostgresApp>;
