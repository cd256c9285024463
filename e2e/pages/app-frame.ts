import { expect, type Locator, type Page } from '@playwright/test';

/** Relative luminance (WCAG) above which a background reads as light, below {@link DARK_BELOW} as dark. */
export const LIGHT_ABOVE = 0.8;
export const DARK_BELOW = 0.1;

/** How a page's frame looks in the browser: its colours and whether it fits the window. Specs reach it only through this object. */
export class AppFrame {
  /** The page's main content, inside the shell every page shares. */
  readonly main: Locator;

  constructor(private readonly page: Page) {
    this.main = page.getByRole('main');
  }

  /**
   * Opens a path and waits only for the shell's main region: enough without JavaScript, when a
   * page's streamed content never replaces its loading state.
   */
  async open(path: string) {
    await this.page.goto(path);
    await expect(this.main).toBeVisible();
  }

  /**
   * Relative luminance (0 black, 1 white) of what is painted behind the main content: the
   * background of the nearest element, from `<main>` outwards, that has one. `document` says the
   * same of the `<body>`, the colour around and below the shell.
   */
  async backgroundLuminance(of: 'shell' | 'document' = 'shell'): Promise<number> {
    return this.main.evaluate((main, target) => {
      const opaque = (colour: string) => !/^(transparent|rgba\(.*,\s*0\))$/.test(colour);
      let element: Element | null = target === 'document' ? main.ownerDocument.body : main;
      let colour = 'transparent';
      while (element) {
        colour = getComputedStyle(element).backgroundColor;
        if (opaque(colour)) break;
        element = element.parentElement;
      }
      const channels = colour.match(/[\d.]+/g)?.slice(0, 3).map(Number);
      if (!channels || channels.length < 3) throw new Error(`Cannot read the background colour '${colour}'`);
      const [r, g, b] = channels.map((value) => {
        const c = value / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }, of);
  }

  /** Widths of the document and of the window's viewport: a wider document scrolls sideways. */
  async widths(): Promise<{ scrollWidth: number; clientWidth: number }> {
    return this.main.evaluate((main) => {
      const root = main.ownerDocument.documentElement;
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
    });
  }

  /**
   * Leaves a mark on the current document; {@link isSameDocument} stays true until a reload or a
   * full navigation replaces it (history updates by the router do not count).
   */
  async markDocument() {
    await this.page.evaluate(() => {
      (window as Window & { e2eThemeMark?: boolean }).e2eThemeMark = true;
    });
  }

  async isSameDocument(): Promise<boolean> {
    return this.page.evaluate(() => (window as Window & { e2eThemeMark?: boolean }).e2eThemeMark === true);
  }

  /** Tells the browser the system now prefers this colour scheme, as a change of the OS setting would. */
  async preferColorScheme(scheme: 'light' | 'dark') {
    await this.page.emulateMedia({ colorScheme: scheme });
  }
}
