using System;
using RealPerson.Vendors;

namespace RealPerson.Jimmy;

/// <summary>Jimmy AI as the provider registry knows it: a portrait URL is all it takes, each one its own review, no liveness step.</summary>
public static class JimmyProvider
{
    public static ProviderDescriptor Descriptor { get; } = new(
        Provider.JimmyAI,
        new Uri("https://www.jimmyai.cn/"),
        JimmyVideoOptions.Documented,
        (http, reporter) => new JimmyVendor(http, reporter))
    {
        InputRules = JimmyVendor.InputRules,
    };
}
