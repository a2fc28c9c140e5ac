using System;

namespace RealPerson;

/// <summary>The vendors' public base URLs, used when nothing else names one.</summary>
public static class ProviderEndpoints
{
    public static readonly Uri JimmyAI = new("https://www.jimmyai.cn/");
    public static readonly Uri APIMart = new("https://api.apimart.ai/");

    public static Uri PublicBaseUrl(Provider provider) => provider == Provider.JimmyAI ? JimmyAI : APIMart;
}
