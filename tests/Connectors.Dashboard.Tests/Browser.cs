using System.Reflection;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace Connectors.Dashboard.Tests;

/// <summary>What the browser tests do with a page: find by accessible name, press keys, run axe.</summary>
public static class Browser
{
    private static readonly Lazy<string> AxeScript = new(() =>
    {
        using var stream = Assembly.Load("Deque.AxeCore.Commons").GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The button whose accessible name (aria-label, else its text) is <paramref name="name"/>.</summary>
    public static IWebElement Button(this IWebDriver driver, string name) =>
        driver.FindElements(By.TagName("button")).Single(b => (b.GetAttribute("aria-label") ?? b.Text) == name);

    /// <summary>Does <paramref name="act"/> (a click, a key) and waits until the page it leads to has loaded.</summary>
    public static void AndWait(this IWebDriver driver, Action act)
    {
        var before = driver.FindElement(By.TagName("html"));
        act();
        new OpenQA.Selenium.Support.UI.WebDriverWait(driver, TimeSpan.FromSeconds(60)).Until(d =>
        {
            try
            {
                _ = before.Enabled;
                return false;
            }
            catch (StaleElementReferenceException)
            {
                return Equals(((IJavaScriptExecutor)d).ExecuteScript("return document.readyState"), "complete");
            }
        });
    }

    /// <summary>Clicks and waits for the next page.</summary>
    public static void Press(this IWebDriver driver, IWebElement element) => driver.AndWait(element.Click);

    /// <summary>The message the last action left on the page.</summary>
    public static string Status(this IWebDriver driver) => driver.FindElement(By.CssSelector("[role=status]")).Text;

    public static string Text(this IWebDriver driver) => driver.FindElement(By.TagName("main")).Text;

    /// <summary>Presses Tab from the top of the page until the button named <paramref name="name"/> has the focus; returns how many presses.</summary>
    public static int TabTo(this IWebDriver driver, string name)
    {
        driver.FindElement(By.TagName("body")).Click();
        for (var presses = 1; presses <= 200; presses++)
        {
            driver.SwitchTo().ActiveElement().SendKeys(Keys.Tab);
            var focused = driver.SwitchTo().ActiveElement();
            if ((focused.GetAttribute("aria-label") ?? focused.Text) == name)
            {
                return presses;
            }
        }

        throw new InvalidOperationException($"Tab never reached '{name}'.");
    }

    /// <summary>Runs axe-core (bundled, offline) on the page: WCAG 2.1 A/AA rules and best practices; the violations found.</summary>
    public static IReadOnlyList<string> AxeViolations(this IWebDriver driver)
    {
        var js = (IJavaScriptExecutor)driver;
        js.ExecuteScript(AxeScript.Value);
        var json = (string)((IJavaScriptExecutor)driver).ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
               .then(r => done(JSON.stringify({ passes: r.passes.length, violations: r.violations.map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', ')) })));
            """);
        using var result = JsonDocument.Parse(json);
        Assert.True(result.RootElement.GetProperty("passes").GetInt32() > 0, "axe ran no rule that passed: it did not run");
        return [.. result.RootElement.GetProperty("violations").EnumerateArray().Select(v => v.GetString()!)];
    }
}
