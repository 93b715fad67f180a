package clinic.bfrguard.e2e.ui;

import clinic.bfrguard.e2e.E2EStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A browser test against the shared stack: one Chromium per test class, a fresh context per user. */
abstract class BrowserTest {

    static Browsers browsers;

    @BeforeAll
    static void startBrowser() {
        E2EStack.get();
        browsers = Browsers.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browsers != null) {
            browsers.close();
            browsers = null;
        }
    }
}
