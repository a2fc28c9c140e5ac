namespace RealPerson.Http;

/// <summary>Whether a request may be repeated: reads always; submissions only while nothing could have reached the vendor.</summary>
public enum RequestKind
{
    /// <summary>Asks without changing anything: repeated freely.</summary>
    Read,

    /// <summary>A paid request: repeated only while it cannot have arrived.</summary>
    Submit,

    /// <summary>Creates something that costs nothing (a liveness session): repeated like a read, as a second one does no harm.</summary>
    FreeCreate,
}
