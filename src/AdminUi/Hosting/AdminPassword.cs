using System.Security.Cryptography;
using System.Text;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// The one admin secret for the API (HTTP Basic, user "admin") and the console login.
/// From ADMINSERVER_PASSWORD, else Admin:Password, else generated at start and printed once.
/// </summary>
public sealed class AdminPassword
{
    public const string User = "admin";
    private readonly byte[] _hash;

    public AdminPassword(string value, bool generated)
    {
        Value = value;
        Generated = generated;
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    public string Value { get; }
    public bool Generated { get; }

    public static AdminPassword From(IConfiguration config)
    {
        var fromEnv = Environment.GetEnvironmentVariable("ADMINSERVER_PASSWORD");
        if (!string.IsNullOrEmpty(fromEnv)) return new AdminPassword(fromEnv, false);
        var fromConfig = config["Admin:Password"];
        if (!string.IsNullOrEmpty(fromConfig)) return new AdminPassword(fromConfig, false);
        return new AdminPassword(Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', '_').Replace('+', '-'), true);
    }

    /// <summary>Constant-time comparison of hashes, so timing says nothing about the password.</summary>
    public bool Matches(string candidate) =>
        CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));
}
