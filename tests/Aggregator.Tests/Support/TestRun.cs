using System.Security.Cryptography;
using System.Text;

namespace Aggregator.Tests.Support;

/// <summary>
/// The folder this test run owns, <c>{temp}/aggregator-tests-{user}/{checkout}/{slot}</c>: per user, so a root run and
/// a later unprivileged one never share (or fight over the mode of) a folder; per checkout, so worktrees don't share;
/// per slot, so two runs from one checkout don't share a cluster, port or template. A run holds <c>{slot}.lock</c>
/// for its whole life (the OS lets go when the process dies), so the first free slot is never in use. Slot 0 keeps
/// its cluster between runs; a run that had to take another slot removes it when it ends, and checkouts that no
/// longer exist are removed by the next run. Scratch files go under the slot and are removed at the end of the run.
/// </summary>
public static class TestRun
{
    const int MaxSlots = 16;
    const string OriginFile = "checkout";

    static readonly Lazy<Claim> claim = new(ClaimSlot);

    static string UserRoot => Path.Combine(Path.GetTempPath(), "aggregator-tests-" + Environment.UserName);

    /// <summary>The slot folder, where the cluster lives.</summary>
    public static string Folder => claim.Value.Folder;

    /// <summary>A new empty folder for one test's files, removed when the run ends.</summary>
    public static string Scratch(string prefix)
    {
        var path = Path.Combine(Folder, "scratch", prefix + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Called once the cluster has stopped: removes scratch files (and the slot, unless it is slot 0) and lets the slot go.</summary>
    public static void End()
    {
        if (!claim.IsValueCreated)
            return;
        var (folder, slot, held) = claim.Value;
        var removeSlot = slot != 0 && !ClusterRunning(folder);
        DeleteQuietly(removeSlot ? folder : Path.Combine(folder, "scratch"));
        held.Dispose();
    }

    sealed record Claim(string Folder, int Slot, FileStream Lock);

    static Claim ClaimSlot()
    {
        RemoveVanishedCheckouts();
        var checkout = Path.Combine(UserRoot, CheckoutId(AppContext.BaseDirectory));
        Directory.CreateDirectory(checkout);
        var origin = Path.Combine(checkout, OriginFile);
        if (!File.Exists(origin))
            File.WriteAllText(origin, AppContext.BaseDirectory);
        for (var slot = 0; slot < MaxSlots; slot++)
        {
            if (TryLock(Path.Combine(checkout, $"{slot}.lock")) is not { } held)
                continue;
            var folder = Path.Combine(checkout, slot.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // A run that died left its scratch files; the slot is ours now.
            DeleteQuietly(Path.Combine(folder, "scratch"));
            Directory.CreateDirectory(folder);
            return new Claim(folder, slot, held);
        }
        throw new InvalidOperationException($"{MaxSlots} test runs of {AppContext.BaseDirectory} are already running (every {checkout}/N.lock is held).");
    }

    static string CheckoutId(string baseDirectory) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(baseDirectory)))[..8];

    static FileStream? TryLock(string path)
    {
        try
        {
            // FileShare.None takes an exclusive flock on Linux; a second process gets an IOException until this one exits.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Checkouts whose build folder is gone (a temp clone, a removed worktree) and that no run holds.</summary>
    static void RemoveVanishedCheckouts()
    {
        if (!Directory.Exists(UserRoot))
            return;
        foreach (var checkout in Directory.GetDirectories(UserRoot))
        {
            try
            {
                RemoveIfVanished(checkout);
            }
            catch (IOException)
            {
                // Another run starting at the same moment is removing it.
            }
        }
    }

    static void RemoveIfVanished(string checkout)
    {
        var origin = Path.Combine(checkout, OriginFile);
        if (!File.Exists(origin) || Directory.Exists(File.ReadAllText(origin)))
            return;
        var locks = Directory.GetFiles(checkout, "*.lock").Select(TryLock).ToList();
        try
        {
            if (locks.All(l => l is not null) && !Directory.GetDirectories(checkout).Any(ClusterRunning))
                DeleteQuietly(checkout);
        }
        finally
        {
            locks.ForEach(l => l?.Dispose());
        }
    }

    static bool ClusterRunning(string slot) => File.Exists(Path.Combine(slot, "data", "postmaster.pid"));

    static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
