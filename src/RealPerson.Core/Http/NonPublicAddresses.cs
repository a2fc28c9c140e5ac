using System;
using System.Net;
using System.Net.Sockets;

namespace RealPerson.Http;

/// <summary>
/// Addresses that belong to this machine or its own networks (loopback, private, link-local,
/// unspecified, multicast, reserved), which a link from a vendor must never make the module read.
/// IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by it.
/// </summary>
internal static class NonPublicAddresses
{
    private static readonly Range[] V4 =
    {
        new("0.0.0.0", 8, "an unspecified address"),
        new("127.0.0.0", 8, "a loopback address"),
        new("10.0.0.0", 8, "a private address"),
        new("172.16.0.0", 12, "a private address"),
        new("192.168.0.0", 16, "a private address"),
        new("100.64.0.0", 10, "a private (shared) address"),
        new("169.254.0.0", 16, "a link-local address"),
        new("224.0.0.0", 4, "a multicast address"),
        new("240.0.0.0", 4, "a reserved address"),
    };

    private static readonly Range[] V6 =
    {
        new("::", 128, "an unspecified address"),
        new("::1", 128, "a loopback address"),
        new("fc00::", 7, "a private address"),
        new("fec0::", 10, "a private (site-local) address"),
        new("fe80::", 10, "a link-local address"),
        new("ff00::", 8, "a multicast address"),
    };

    /// <summary>What kind of non-public address this is ("a loopback address", ...), or null when it is public.</summary>
    public static string? Describe(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Find(V4, address.GetAddressBytes());
        }

        var bytes = address.GetAddressBytes();
        if (Embedded(bytes) is { } inner)
        {
            return Find(V4, inner);
        }

        return Find(V6, bytes);
    }

    /// <summary>The IPv4 address inside an IPv6 one that carries one, else null.</summary>
    private static byte[]? Embedded(byte[] v6)
    {
        var mapped = IsZero(v6, 0, 10) && v6[10] == 0xff && v6[11] == 0xff;
        var compatible = IsZero(v6, 0, 12) && !IsZero(v6, 12, 4) && !(IsZero(v6, 12, 3) && v6[15] == 1);
        var nat64 = v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && IsZero(v6, 4, 8);
        if (mapped || compatible || nat64)
        {
            return new[] { v6[12], v6[13], v6[14], v6[15] };
        }

        // 6to4 (2002::/16) carries the IPv4 address in its next 32 bits.
        return v6[0] == 0x20 && v6[1] == 0x02 ? new[] { v6[2], v6[3], v6[4], v6[5] } : null;
    }

    private static bool IsZero(byte[] bytes, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (bytes[i] != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static string? Find(Range[] ranges, byte[] address)
    {
        foreach (var range in ranges)
        {
            if (range.Contains(address))
            {
                return range.Kind;
            }
        }

        return null;
    }

    private sealed class Range
    {
        private readonly byte[] prefix;
        private readonly int bits;

        public Range(string network, int bits, string kind)
        {
            prefix = IPAddress.Parse(network).GetAddressBytes();
            this.bits = bits;
            Kind = kind;
        }

        public string Kind { get; }

        public bool Contains(byte[] address)
        {
            if (address.Length != prefix.Length)
            {
                return false;
            }

            for (var bit = 0; bit < bits; bit++)
            {
                var mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
