using System.Net;
using System.Net.Sockets;

namespace Aggregator.Feeds;

/// <summary>
/// Where the WebSub hub may connect. Anyone may name a callback, so by default the hub talks only to public addresses:
/// not loopback, private networks, link-local (cloud metadata services live there), carrier-grade NAT, multicast or
/// reserved ranges, which would let a subscriber make the hub probe the network it runs in. The check is made on the
/// addresses a name resolves to, at connect time, so a name that resolves differently on the second lookup changes
/// nothing. <c>WebSub:AllowPrivateCallbacks</c> lifts it (an intranet deployment, tests on loopback).
/// </summary>
public static class CallbackAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224                // this network, private, loopback, multicast and reserved
                     || b[0] == 100 && (b[1] & 0xC0) == 64            // 100.64.0.0/10, carrier-grade NAT
                     || b[0] == 169 && b[1] == 254                    // link-local, cloud metadata
                     || b[0] == 172 && (b[1] & 0xF0) == 16            // 172.16.0.0/12
                     || b[0] == 192 && b[1] == 168                    // 192.168.0.0/16
                     || b[0] == 192 && b[1] == 0 && b[2] is 0 or 2    // IETF assignments, TEST-NET-1
                     || b[0] == 198 && (b[1] & 0xFE) == 18            // 198.18.0.0/15, benchmarking
                     || b[0] == 198 && b[1] == 51 && b[2] == 100      // TEST-NET-2
                     || b[0] == 203 && b[1] == 0 && b[2] == 113);     // TEST-NET-3
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
                || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
                return false;
            var b = address.GetAddressBytes();
            // 64:ff9b::/96 carries an IPv4 address (NAT64): judge that one; 2001:db8::/32 is documentation.
            if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
                return IsPublic(new IPAddress(b.AsSpan(12, 4)));
            return !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8);
        }
        return false;
    }

    /// <summary>Why a callback that names its host by a literal address (or as localhost) will never be called; null when it may be.</summary>
    public static string? Refusal(Uri callback, bool allowPrivate)
    {
        if (allowPrivate)
            return null;
        if (callback.IsLoopback || IPAddress.TryParse(callback.DnsSafeHost, out var literal) && !IsPublic(literal))
            return $"names a private or reserved address ({callback.Host}); this hub pushes only to public addresses.";
        return null;
    }

    /// <summary>The hub's connect step: resolve, keep the addresses it may reach, connect to the first that answers.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(bool allowPrivate) => async (context, ct) =>
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = allowPrivate ? addresses : addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                $"The callback host {host} has no public address ({(addresses.Length == 0 ? "none" : string.Join(", ", addresses.Select(a => a.ToString())))}); " +
                "the hub pushes only to public addresses unless WebSub:AllowPrivateCallbacks is true.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };
}
