using RealPerson.ApiMart;
using RealPerson.Jimmy;
using RealPerson.Providers;

namespace RealPerson.Tests;

/// <summary>Each vendor's seam by its own type, for tests that call its wire-level methods directly.</summary>
public static class ProviderSeams
{
    extension(ProviderClients clients)
    {
        public JimmyVendor Jimmy => (JimmyVendor)clients.Vendor(Provider.JimmyAI);

        public ApiMartVendor ApiMart => (ApiMartVendor)clients.Vendor(Provider.APIMart);
    }
}
