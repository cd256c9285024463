import type { Locator, Page } from '@playwright/test';

/**
 * Colours as the browser paints them, to compare a control with a Fluent theme token (the token's
 * CSS variable, resolved by the page's own theme), never with a hard-coded RGB value.
 */
export class ComputedColour {
  constructor(private readonly page: Page) {}

  /** The `rgb(...)` the current theme gives a Fluent token, e.g. `colorStatusDangerBackground3`. */
  async ofToken(token: string): Promise<string> {
    return this.page.evaluate((name) => {
      // Inside the FluentProvider, where the theme's variables are defined.
      const host = document.querySelector('.fui-FluentProvider') ?? document.body;
      const probe = document.createElement('span');
      probe.style.backgroundColor = `var(--${name})`;
      host.appendChild(probe);
      const colour = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return colour;
    }, token);
  }

  /** The background colour of a control, once no pointer is over it. */
  async backgroundOf(control: Locator): Promise<string> {
    await this.page.mouse.move(0, 0);
    return control.evaluate((element) => getComputedStyle(element).backgroundColor);
  }
}
