using System;
using System.Net.Sockets;

namespace RealPerson.Http;

/// <summary>Tells a connection that was never made (nothing sent) from one lost after sending.</summary>
internal static class TransportFailure
{
    public static bool IsConnectFailure(Exception exception)
    {
        for (var e = exception; e != null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                switch (socket.SocketErrorCode)
                {
                    case SocketError.ConnectionRefused:
                    case SocketError.HostNotFound:
                    case SocketError.HostUnreachable:
                    case SocketError.NetworkUnreachable:
                    case SocketError.NetworkDown:
                    case SocketError.TryAgain:
                    case SocketError.NoData:
                    case SocketError.AddressNotAvailable:
                        return true;
                }
            }
        }

        return false;
    }

    public static string Describe(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException != null)
        {
            innermost = innermost.InnerException;
        }

        // The socket layer quotes what the server sent (an invalid status line, a header name): inert, like any vendor text.
        return Json.VendorText.Inert(innermost.Message)!;
    }
}
