namespace RealPerson.Simulator;

/// <summary>Which vendor a route imitates; faults answer in that vendor's style.</summary>
internal enum VendorProvider
{
    JimmyAI,
    ApiMart,
}
