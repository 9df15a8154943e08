using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace AdminServer.AdminUi.Security;

/// <summary>
/// One-time tokens for the login form. The antiforgery token proves a form came from this site but
/// can be posted again and again; each rendered login form also carries a nonce (random, signed,
/// valid for <see cref="Lifetime"/>) that is spent by the first POST, so every attempt needs a
/// fresh GET of the form. Spent nonces are remembered until they would have expired anyway; the
/// memory is bounded by <see cref="MaxRemembered"/> (when full, logins are refused rather than a nonce forgotten).
/// </summary>
public sealed class LoginNonces(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public const int MaxRemembered = 100_000;

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("AdminServer.LoginNonce").ToTimeLimitedDataProtector();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _spent = new();

    public string Issue() => _protector.Protect(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), time.GetUtcNow() + Lifetime);

    /// <summary>True the first time a nonce this server issued is presented within its lifetime; false ever after.</summary>
    public bool TrySpend(string? nonce)
    {
        if (string.IsNullOrEmpty(nonce) || nonce.Length > 1024) return false;
        string id;
        DateTimeOffset expires;
        try { id = _protector.Unprotect(nonce, out expires); }
        catch (CryptographicException) { return false; }
        var now = time.GetUtcNow();
        if (expires <= now) return false;
        foreach (var (key, until) in _spent)
            if (until <= now) _spent.TryRemove(key, out _);
        return _spent.Count < MaxRemembered && _spent.TryAdd(id, expires);
    }
}
