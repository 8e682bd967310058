using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace DossierWorkflow.Portal.Hosting;

/// <summary>
/// Limits on what the public may repeat, per client address: looking dossiers up by code (so that codes — an agency
/// code, a date and a daily sequence — cannot be enumerated), and the account pages (guessing passwords and codes,
/// sending codes); the accounts' own limits (lockout, tries per code, codes per destination) come on top. A client over its limit gets 429 and a page saying when
/// to try again.
/// </summary>
internal static class PortalRateLimits
{
    /// <summary>The policy of the tracking page's lookups.</summary>
    public const string Tracking = "tracking";

    /// <summary>The policy of the account pages: registration, sign-in, one-time codes, password reset.</summary>
    public const string Accounts = "accounts";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var limits = configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Tracking, context => RateLimitPartition.GetSlidingWindowLimiter(
                ClientAddress(context),
                _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = limits.TrackingPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                }));
            o.AddPolicy(Accounts, context => RateLimitPartition.GetSlidingWindowLimiter(
                ClientAddress(context),
                _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = limits.AccountsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                }));
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>
    /// The client's address (behind a proxy, as forwarded: ASPNETCORE_FORWARDEDHEADERS_ENABLED=true); an IPv6 client by
    /// its /64 network, which one subscriber holds whole.
    /// </summary>
    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6, IsIPv4MappedToIPv6: false } v6 => Convert.ToHexString(v6.GetAddressBytes()[..8]) + "::/64",
        var address => address.MapToIPv4().ToString(),
    };
}

/// <summary>The portal's rate limits (section <c>Portal:RateLimits</c>), per client address.</summary>
internal sealed class RateLimitOptions
{
    public const string SectionName = "Portal:RateLimits";

    /// <summary>Dossier lookups by code a minute (the tracking page).</summary>
    [Range(1, 100_000)]
    public int TrackingPerMinute { get; set; } = 30;

    /// <summary>Requests a minute to the account pages (sign-in, registration, codes, password reset).</summary>
    [Range(1, 100_000)]
    public int AccountsPerMinute { get; set; } = 20;
}
