// The entry point class, visible to WebApplicationFactory in the tests.
#pragma warning disable CA1050, CA1515
public partial class Program;
#pragma warning restore CA1050, CA1515
