// A feed's or the language stage's language code as an HTML `lang` value. Feeds send anything
// ("en_US", "English", ""): only a well-formed BCP 47 tag is passed on, so a screen reader or
// hyphenation never gets a wrong hint, and an unknown language leaves the page's own.

const PRIMARY_LANGUAGE = /^[a-z]{2,3}(?:-|$)/;

/** The canonical BCP 47 tag for `code` ("en_US" → "en-US"), or undefined when it is not one. */
export function contentLanguage(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  try {
    const tag = Intl.getCanonicalLocales(code.trim().replaceAll('_', '-'))[0];
    // Real languages have two- or three-letter codes; "english" is well-formed but no language.
    return tag && PRIMARY_LANGUAGE.test(tag) ? tag : undefined;
  } catch {
    return undefined;
  }
}
