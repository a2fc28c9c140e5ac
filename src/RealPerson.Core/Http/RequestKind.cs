namespace RealPerson.Http;

/// <summary>Whether a request may be repeated: reads always; submissions only while nothing could have reached the vendor.</summary>
public enum RequestKind
{
    Read,
    Submit,
}
