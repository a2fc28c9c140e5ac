using System.Text.Json;
using RealPerson.Json;

namespace RealPerson.Tests.Core;

public class JsonFieldsTests
{
    [Theory]
    [InlineData("{\"t\":1700000000}", 2023)]
    [InlineData("{\"t\":1700000000123}", 2023)]
    [InlineData("{\"t\":\"2026-11-21T06:00:00Z\"}", 2026)]
    public void Times_are_read_as_seconds_milliseconds_or_text(string json, int year)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(year, JsonFields.GetTime(document.RootElement, "t")!.Value.Year);
    }

    [Theory]
    [InlineData("{\"t\":1700000000123456}")]
    [InlineData("{\"t\":-99999999999999999}")]
    [InlineData("{\"t\":\"soon\"}")]
    public void A_time_past_any_calendar_is_no_time_rather_than_a_crash(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Null(JsonFields.GetTime(document.RootElement, "t"));
    }
}
