using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Connectors.Dashboard.Tests;

/// <summary>
/// A headless Chromium driven by Selenium WebDriver through Debian's <c>chromium</c> and <c>chromium-driver</c> packages
/// (installed by <c>.ci/run</c> when missing). <c>CHROMIUM</c> and <c>CHROMEDRIVER</c> point elsewhere.
/// </summary>
public sealed class Chromium : IDisposable
{
    public Chromium()
    {
        var browser = Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } b ? b : "/usr/bin/chromium";
        var driver = Environment.GetEnvironmentVariable("CHROMEDRIVER") is { Length: > 0 } d ? d : "/usr/bin/chromedriver";
        foreach (var file in new[] { browser, driver })
        {
            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"{file} is missing: the browser tests need Chromium and its driver (apt-get install -y chromium chromium-driver; .ci/run installs them), or set CHROMIUM and CHROMEDRIVER.");
            }
        }

        // An explicit driver path keeps Selenium Manager from looking for (and downloading) a driver.
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000", "--lang=en");
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
        Driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(60);
    }

    public ChromeDriver Driver { get; }

    public void Dispose() => Driver.Quit();
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<Chromium>;
