namespace AdminServer.E2eTests.Support;

/// <summary>
/// WCAG contrast of an element's text against what is really behind it, computed in the page: the
/// element's colour composed over its ancestors' backgrounds (translucent ones blended, white at the bottom).
/// </summary>
public static class TextContrast
{
    public const string Script = """
        el => {
          const parse = c => { const p = c.match(/[\d.]+/g).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
          const over = (t, b) => ({ r: t.r * t.a + b.r * (1 - t.a), g: t.g * t.a + b.g * (1 - t.a), b: t.b * t.a + b.b * (1 - t.a), a: 1 });
          const layers = [];
          for (let n = el; n; n = n.parentElement) layers.push(parse(getComputedStyle(n).backgroundColor));
          let bg = { r: 255, g: 255, b: 255, a: 1 };
          for (const l of layers.reverse()) bg = over(l, bg);
          const fg = over(parse(getComputedStyle(el).color), bg);
          const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                             return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
          const a = lum(fg), b = lum(bg);
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }
        """;
}
