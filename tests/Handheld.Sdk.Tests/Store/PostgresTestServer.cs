using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Handheld.Sdk.Tests.Store;

/// <summary>
/// The PostgreSQL server the store tests use: HANDHELD_TEST_PG (an Npgsql connection string or postgres:// URI) when
/// set, else a throwaway cluster started here with the Debian server binaries (initdb under /usr/lib/postgresql/*/bin
/// or on PATH; as the postgres user when running as root, since initdb refuses root), on a free loopback port in a
/// temporary directory, stopped and removed when the test process exits (by a detached watcher, also when the test host
/// is killed). When neither works the tests FAIL with the
/// reason (never skip). Each test gets its own fresh database.
/// </summary>
internal static class PostgresTestServer
{
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    /// <summary>A new, empty database on the test server: its connection string.</summary>
    public static string NewDatabase()
    {
        var admin = Server.Value;
        string name = $"hh_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40];
        using (var c = new NpgsqlConnection(admin))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
    }

    private static string Start()
    {
        var given = Environment.GetEnvironmentVariable("HANDHELD_TEST_PG");
        if (!string.IsNullOrEmpty(given))
        {
            var cs = Handheld.Sdk.Records.RecordStoreLocation.Parse(given);
            if (!cs.IsPostgres) throw new InvalidOperationException("HANDHELD_TEST_PG is not a PostgreSQL connection string or postgres:// URI");
            Probe(cs.Target, "HANDHELD_TEST_PG");
            return cs.Target;
        }
        var initdb = FindInitdb() ?? throw new InvalidOperationException(
            "no PostgreSQL for the store tests: set HANDHELD_TEST_PG, or install the server (Debian: apt-get install postgresql) so initdb exists");
        var bin = Path.GetDirectoryName(initdb)!;
        bool root = Environment.UserName == "root";
        var dir = Directory.CreateTempSubdirectory("handheld-pg-").FullName;
        if (root) Run("chown", ["postgres", dir], asPostgres: false);
        int port = FreePort();
        Run(Path.Combine(bin, "initdb"), ["-D", Path.Combine(dir, "data"), "-U", "handheld", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-locale"], root);
        Run(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(dir, "data"), "-l", Path.Combine(dir, "log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"], root);
        string pgctl = Path.Combine(bin, "pg_ctl"), data = Path.Combine(dir, "data");
        // The test host may be killed right after the run (vstest does not wait for exit handlers), so a detached
        // watcher stops the cluster and removes its directory once this process is gone, however it ends.
        StartWatcher(Environment.ProcessId, pgctl, data, dir, root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Run(pgctl, ["-D", data, "-m", "immediate", "-w", "stop"], root);
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception)
            {
                // the watcher finishes the job
            }
        };
        var conn = $"Host=127.0.0.1;Port={port};Username=handheld;Database=postgres;Pooling=false";
        Probe(conn, "the throwaway cluster in " + dir);
        return conn;
    }

    private static void StartWatcher(int pid, string pgctl, string data, string dir, bool root)
    {
        string stop = (root ? "runuser -u postgres -- " : "") + $"'{pgctl}' -D '{data}' -m immediate -w stop";
        string script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {pid}; do sleep 1; done; " +
                        $"[ -f '{data}/postmaster.pid' ] && {stop}; rm -rf '{dir}'";
        var psi = new ProcessStartInfo("setsid", ["sh", "-c", script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start the cluster's watcher (setsid sh)");
    }

    private static void Probe(string conn, string what)
    {
        try
        {
            using var c = new NpgsqlConnection(conn);
            c.Open();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"PostgreSQL for the store tests ({what}) is unreachable: {e.Message}", e);
        }
    }

    private static string? FindInitdb()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin", "initdb")).FirstOrDefault(File.Exists)
            : null;
        return debian ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(p => Path.Combine(p, "initdb")).FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static void Run(string file, string[] args, bool asPostgres)
    {
        var psi = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres) { psi.ArgumentList.Add("-u"); psi.ArgumentList.Add("postgres"); psi.ArgumentList.Add("--"); psi.ArgumentList.Add(file); }
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({p.ExitCode}): {stderr.Trim()} {stdout.Result.Trim()}");
    }
}
