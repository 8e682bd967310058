using System.Globalization;
using DossierWorkflow.Definitions.Fees;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Dossiers.Payments;

/// <summary>
/// Online payment of a dossier's fee through the province's bank gateway (<see cref="SignedParameters"/>): a pending
/// order and the signed address of the gateway's payment page; then the gateway's server-to-server notification — the
/// only thing trusted — checked (signature, order, amount, currency) and recorded on the dossier once, whatever the number
/// of times it comes. The browser's return proves nothing and records nothing.
/// </summary>
public sealed partial class OnlinePayments(
    DossiersDbContext db, IOptions<PaymentGatewayOptions> options, CurrentWorkingCalendar calendar, TimeProvider time, Microsoft.Extensions.Logging.ILogger<OnlinePayments> logger)
{
    /// <summary>Who online payments are recorded by on the dossier.</summary>
    public const string Recorder = "payment-gateway";

    private PaymentGatewayOptions Gateway => options.Value;

    public bool IsEnabled => Gateway.IsEnabled;

    /// <summary>
    /// Whether the dossier has a fee to pay online now: the gateway is on, something is outstanding, the dossier is open,
    /// and — for a procedure whose fee is paid once accepted (<see cref="OnlinePaymentTiming.AfterAcceptance"/>) —
    /// reception accepted it.
    /// </summary>
    public bool CanPay(Dossier dossier) =>
        IsEnabled && ResultReturns.Outstanding(dossier) > 0
        && dossier.Status is not (DossierStatus.Refused or DossierStatus.Withdrawn or DossierStatus.Stopped or DossierStatus.ResultReturned)
        && !(dossier.Status == DossierStatus.New && dossier.ProcedureVersion.Fee.OnlinePayment == OnlinePaymentTiming.AfterAcceptance);

    /// <summary>
    /// A pending order for the dossier's outstanding fee (its payments loaded), and the gateway's page to pay it at, with
    /// <paramref name="returnUrl"/> for the browser to come back to. Saves. Null while an earlier order of the dossier may
    /// still be paid at the gateway (within its time to pay): one payment at a time, so that two tabs do not pay twice.
    /// </summary>
    public async Task<Uri?> StartAsync(Dossier dossier, Guid accountId, Uri returnUrl, string clientAddress, string language, CancellationToken cancellationToken)
    {
        if (!CanPay(dossier))
        {
            throw new InvalidOperationException($"Dossier {dossier.Code} has nothing to pay online.");
        }

        var now = time.GetUtcNow();
        var payable = now.AddMinutes(-Gateway.PayWithinMinutes - 1);
        if (await db.Set<PaymentOrder>().AnyAsync(o => o.DossierId == dossier.Id && o.Status == PaymentOrderStatus.Pending && o.CreatedAt > payable, cancellationToken))
        {
            return null;
        }

        var order = new PaymentOrder
        {
            Id = Guid.CreateVersion7(now),
            DossierId = dossier.Id,
            DossierCode = dossier.Code,
            AccountId = accountId,
            OrderRef = $"{now.ToUnixTimeMilliseconds():x}{Random.Shared.Next(0x1000, 0xffff):x}".ToUpperInvariant(),
            Amount = ResultReturns.Outstanding(dossier),
            Status = PaymentOrderStatus.Pending,
            CreatedAt = now,
        };
        db.Add(order);
        await db.SaveChangesAsync(cancellationToken);

        var local = calendar.Calendar.ToLocal(now);
        var parameters = new Dictionary<string, string>
        {
            ["vnp_Version"] = "2.1.0",
            ["vnp_Command"] = "pay",
            ["vnp_TmnCode"] = Gateway.MerchantCode!,
            ["vnp_Amount"] = (order.Amount * 100).ToString(CultureInfo.InvariantCulture),
            ["vnp_CurrCode"] = "VND",
            ["vnp_TxnRef"] = order.OrderRef,
            ["vnp_OrderInfo"] = $"Thanh toan le phi ho so {dossier.Code}",
            ["vnp_OrderType"] = "billpayment",
            ["vnp_Locale"] = language == "en" ? "en" : "vn",
            ["vnp_ReturnUrl"] = returnUrl.ToString(),
            ["vnp_IpAddr"] = clientAddress,
            ["vnp_CreateDate"] = local.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
            ["vnp_ExpireDate"] = local.AddMinutes(Gateway.PayWithinMinutes).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
        };
        return new Uri($"{Gateway.Url}?{SignedParameters.Query(parameters, Gateway.Secret!)}");
    }

    /// <summary>
    /// The gateway's notification of how a payment went (<c>vnp_*</c> parameters, signed): recorded in the caller's unit
    /// of work, and the answer the gateway expects — <c>00</c> confirmed (also a failed payment, which closes its order),
    /// <c>01</c> no such order, <c>02</c> already confirmed (a repeated notification changes nothing), <c>04</c> not the
    /// amount asked for, <c>97</c> not signed with the secret.
    /// </summary>
    public async Task<PaymentNotice> ConfirmAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        if (!IsEnabled || !SignedParameters.IsSigned(parameters, Gateway.Secret!))
        {
            return PaymentNotice.InvalidSignature;
        }

        var order = await db.Set<PaymentOrder>().FirstOrDefaultAsync(o => o.OrderRef == parameters.GetValueOrDefault("vnp_TxnRef"), cancellationToken);
        if (order is null || parameters.GetValueOrDefault("vnp_TmnCode") != Gateway.MerchantCode)
        {
            return PaymentNotice.OrderNotFound;
        }

        if (!long.TryParse(parameters.GetValueOrDefault("vnp_Amount"), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount != order.Amount * 100
            || parameters.GetValueOrDefault("vnp_CurrCode", "VND") != "VND")
        {
            return PaymentNotice.InvalidAmount;
        }

        if (order.Status != PaymentOrderStatus.Pending)
        {
            return PaymentNotice.AlreadyConfirmed;
        }

        var now = time.GetUtcNow();
        var paid = parameters.GetValueOrDefault("vnp_ResponseCode") == "00" && parameters.GetValueOrDefault("vnp_TransactionStatus", "00") == "00";
        order.Status = paid ? PaymentOrderStatus.Paid : PaymentOrderStatus.Failed;
        order.CompletedAt = now;
        order.GatewayResponse = parameters.GetValueOrDefault("vnp_ResponseCode");
        order.GatewayTransaction = parameters.GetValueOrDefault("vnp_TransactionNo");
        if (paid)
        {
            var dossier = await db.Set<Dossier>().Include(d => d.Payments).FirstAsync(d => d.Id == order.DossierId, cancellationToken);
            if (ResultReturns.Outstanding(dossier) < order.Amount)
            {
                // The bank took the money (paid at the counter meanwhile, say): recorded as paid, for a refund.
                LogOverpaid(logger, dossier.Code, order.OrderRef, order.Amount - ResultReturns.Outstanding(dossier));
            }

            dossier.Payments.Add(new DossierPayment
            {
                Id = Guid.CreateVersion7(now),
                DossierId = dossier.Id,
                Amount = order.Amount,
                Method = PaymentMethod.Online,
                Reference = order.GatewayTransaction ?? order.OrderRef,
                PaidAt = now,
                RecordedBy = Recorder,
            });
            dossier.FeePaid = ResultReturns.Outstanding(dossier) == 0;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return PaymentNotice.AlreadyConfirmed;
        }

        return PaymentNotice.Confirmed;
    }

    /// <summary>The order a browser's return names, when its signature holds (for showing how it went; it records nothing).</summary>
    public async Task<PaymentOrder?> ReturnedAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken) =>
        IsEnabled && SignedParameters.IsSigned(parameters, Gateway.Secret!)
            ? await db.Set<PaymentOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.OrderRef == parameters.GetValueOrDefault("vnp_TxnRef"), cancellationToken)
            : null;

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 3201, Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "Dossier {DossierCode} was paid {Excess} đồng more than its fee by order {OrderRef}: refund the applicant")]
    private static partial void LogOverpaid(Microsoft.Extensions.Logging.ILogger logger, string dossierCode, string orderRef, long excess);
}

/// <summary>The answer to the gateway's notification, as it expects it (<c>RspCode</c>, <c>Message</c>).</summary>
public sealed record PaymentNotice(string Code, string Message)
{
    public static PaymentNotice Confirmed { get; } = new("00", "Confirm Success");
    public static PaymentNotice OrderNotFound { get; } = new("01", "Order not found");
    public static PaymentNotice AlreadyConfirmed { get; } = new("02", "Order already confirmed");
    public static PaymentNotice InvalidAmount { get; } = new("04", "Invalid amount");
    public static PaymentNotice InvalidSignature { get; } = new("97", "Invalid signature");
}
