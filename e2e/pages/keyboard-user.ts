import type { Locator, Page } from '@playwright/test';

/** More Tab presses than any page of the portal has stops before the wizard's last button. */
const MAX_TAB_STOPS = 60;

/**
 * A user with a keyboard and no mouse: Tab and Shift+Tab to move, Enter, Space and the arrow
 * keys to act, typing into whatever has the focus. Nothing here clicks or fills.
 */
export class KeyboardUser {
  constructor(private readonly page: Page) {}

  /**
   * Presses Tab (Shift+Tab with `backwards`) until `target` has the focus, as a user looking for
   * it would; fails naming what had the focus when it never came.
   */
  async tabTo(target: Locator, { backwards = false, max = MAX_TAB_STOPS }: { backwards?: boolean; max?: number } = {}) {
    for (let presses = 0; presses <= max; presses += 1) {
      if (await this.hasFocus(target)) return;
      await this.page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'} never reached ${target}; the focus is on ${await this.focusedElement()}`);
  }

  async press(key: 'Enter' | 'Space' | 'Tab' | 'Shift+Tab' | 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Escape') {
    await this.page.keyboard.press(key === 'Space' ? ' ' : key);
  }

  /** Types into the focused element, one key at a time. */
  async type(text: string) {
    await this.page.keyboard.type(text);
  }

  /** Tabs to `target` and types `text` into it. */
  async typeInto(target: Locator, text: string) {
    await this.tabTo(target);
    await this.type(text);
  }

  private async hasFocus(target: Locator): Promise<boolean> {
    // evaluateAll does not wait for the element: a target not on screen yet is simply not focused.
    return target.evaluateAll((elements) => elements.some((element) => element === element.ownerDocument.activeElement));
  }

  /** The focused element, briefly, for a failure message. */
  private async focusedElement(): Promise<string> {
    return this.page.evaluate(() => {
      const active = document.activeElement;
      if (!active) return 'nothing';
      const label = active.getAttribute('aria-label') ?? active.textContent?.trim().slice(0, 60) ?? '';
      return `<${active.tagName.toLowerCase()}${active.id ? ` id="${active.id}"` : ''}> ${label}`;
    });
  }
}
