using System.Text;
using AdminServer.AdminUi.Hosting;
using AdminServer.Engine.Processes;
using Microsoft.Extensions.Configuration;

namespace AdminServer.UnitTests.Processes;

public class ProcessConfigTests
{
    private static ProcessOptions Load(string json, out IReadOnlyList<string> errors)
    {
        var config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return ProcessConfigLoader.Load(config, out errors);
    }

    [Fact]
    public void The_shipped_appsettings_file_declares_the_demo_pipeline()
    {
        var root = AppPaths.Resolve([]).Root;
        var config = new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "appsettings.json")).Build();
        var options = ProcessConfigLoader.Load(config, out var errors);
        Assert.Empty(errors);
        var demo = Assert.Single(options.Programs, p => p.Name == "demo-pipeline");
        Assert.False(demo.Autostart);
        Assert.Equal(["/bin/sh", "-c", "sleep 600 | sleep 600"], demo.EffectiveArgv);
    }

    [Fact]
    public void No_sections_mean_no_programs_and_a_five_second_grace()
    {
        var options = Load("{}", out var errors);
        Assert.Empty(errors);
        Assert.Empty(options.Programs);
        Assert.Equal(5, options.KillGraceSeconds);
        Assert.True(options.Subreaper);
    }

    [Fact]
    public void Argv_environment_and_directories_bind()
    {
        var options = Load("""
            { "Processes": { "KillGraceSeconds": 1.5 },
              "Programs": [ { "Name": "a", "Argv": ["sleep", "60"], "WorkingDirectory": "/tmp", "LogFile": "/tmp/a.log",
                              "Environment": { "FOO": "bar" }, "Autostart": true } ] }
            """, out var errors);
        Assert.Empty(errors);
        Assert.Equal(1.5, options.KillGraceSeconds);
        var p = Assert.Single(options.Programs);
        Assert.Equal(["sleep", "60"], p.EffectiveArgv);
        Assert.Equal("bar", p.Environment["FOO"]);
        Assert.True(p.Autostart);
    }

    [Theory]
    [InlineData("""{ "Programs": [ { "Name": "a" } ] }""", "Programs:0:Command")]
    [InlineData("""{ "Programs": [ { "Name": "a", "Command": "true", "Argv": ["true"] } ] }""", "Programs:0:Command")]
    [InlineData("""{ "Programs": [ { "Command": "true" } ] }""", "Programs:0:Name")]
    [InlineData("""{ "Programs": [ { "Name": "a b", "Command": "true" } ] }""", "Programs:0:Name")]
    [InlineData("""{ "Programs": [ { "Name": "a", "Command": "true" }, { "Name": "A", "Command": "true" } ] }""", "Programs:1:Name")]
    [InlineData("""{ "Programs": [ { "Name": "a", "Command": "true", "WorkingDirectory": "tmp" } ] }""", "Programs:0:WorkingDirectory")]
    [InlineData("""{ "Programs": [ { "Name": "a", "Command": "true", "LogFile": "a.log" } ] }""", "Programs:0:LogFile")]
    [InlineData("""{ "Programs": [ { "Name": "a", "Cmd": "true" } ] }""", "Cmd")]
    [InlineData("""{ "Processes": { "KillGraceSeconds": -1 } }""", "Processes:KillGraceSeconds")]
    [InlineData("""{ "Processes": { "KillGraceSeconds": "soon" } }""", "Processes:KillGraceSeconds")]
    [InlineData("""{ "Processes": { "GraceSeconds": 1 } }""", "GraceSeconds")]
    public void A_bad_value_is_rejected_naming_the_key(string json, string key)
    {
        Load(json, out var errors);
        Assert.Contains(errors, e => e.Contains(key));
    }

    [Theory]
    [InlineData("""{ "Programs": [ { "Name": "a", "Command": "true", "Autorestart": "maybe" } ] }""", "Programs:0:Autorestart")]
    [InlineData("""{ "Programs": [ { "Name": "a", "Command": "true", "StartSeconds": -1 } ] }""", "Programs:0:StartSeconds")]
    [InlineData("""{ "Programs": [ { "Name": "a", "Command": "true", "StartRetries": 101 } ] }""", "Programs:0:StartRetries")]
    [InlineData("""{ "Programs": [ { "Name": "a", "Command": "true", "ExitCodes": [ 256 ] } ] }""", "Programs:0:ExitCodes")]
    [InlineData("""{ "Programs": [ { "Name": "a", "Command": "true", "LogMaxBytes": 10 } ] }""", "Programs:0:LogMaxBytes")]
    [InlineData("""{ "Programs": [ { "Name": "a", "Command": "true", "LogBackups": -1 } ] }""", "Programs:0:LogBackups")]
    [InlineData("""{ "Processes": { "LogDirectory": "relative/dir" } }""", "Processes:LogDirectory")]
    [InlineData("""{ "Programs": [ { "Name": "a", "Command": "true", "Autorestrat": true } ] }""", "Autorestrat")]
    public void Supervision_keys_are_validated_naming_the_key(string json, string named)
    {
        Load(json, out var errors);
        Assert.Contains(errors, e => e.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void Supervision_keys_bind_with_Supervisor_defaults_and_a_relative_log_directory_under_the_root()
    {
        var config = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""
            { "Programs": [ { "Name": "a", "Command": "true" },
                            { "Name": "b", "Command": "true", "Autorestart": false, "StartSeconds": 0, "StartRetries": 0, "ExitCodes": [ 0, 2 ], "LogFile": "/dev/null" },
                            { "Name": "c", "Command": "true", "Autorestart": "Unexpected", "LogFile": "/tmp/c.log", "LogMaxBytes": 2048, "LogBackups": 0 } ] }
            """))).Build();
        var options = ProcessConfigLoader.Load(config, out var errors, "/srv/adminserver");
        Assert.Empty(errors);
        Assert.Equal("/srv/adminserver/data/programs", options.LogDirectory);
        var a = options.Programs[0];
        Assert.Equal((1.0, 3, AutorestartMode.False), (a.StartSeconds, a.StartRetries, a.AutorestartMode));
        Assert.Equal([0], a.EffectiveExitCodes);
        Assert.Equal("/srv/adminserver/data/programs/a.log", options.LogPathOf(a));
        var b = options.Programs[1];
        Assert.Equal([0, 2], b.EffectiveExitCodes);
        Assert.Null(options.LogPathOf(b)); // /dev/null: not captured
        var c = options.Programs[2];
        Assert.Equal(AutorestartMode.Unexpected, c.AutorestartMode);
        Assert.Equal("/tmp/c.log", options.LogPathOf(c));
    }
}
