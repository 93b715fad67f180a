package clinic.bfrguard.web.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ContentSecurityPolicyTest {

    private static final String LOCAL_STACK = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self' http://localhost:8081 http://localhost:8082 "
            + "http://localhost:8083 http://localhost:8084 http://localhost:8180; worker-src 'self'; "
            + "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";
    private static final Path PAGES = Path.of("src/main/resources/META-INF/resources");

    @Test
    void everyResponseCarriesThePolicyThatAllowsOnlyTheConsoleTheServicesAndKeycloak() {
        for (String path : List.of("/", "/board.html", "/oncall.html", "/js/auth.js", "/sw.js", "/app.css",
                "/config.json", "/no-such-page")) {
            given().get(path).then().header("Content-Security-Policy", equalTo(LOCAL_STACK));
        }
    }

    @Test
    void theOriginOfAnAddressIsItsSchemeHostAndPort() {
        assertThat(ContentSecurityPolicy.origin("https://sso.clinic.example/realms/clinic"))
                .isEqualTo("https://sso.clinic.example");
        assertThat(ContentSecurityPolicy.origin("http://10.0.0.7:8443/")).isEqualTo("http://10.0.0.7:8443");
    }

    @Test
    void noPageHasInlineScriptOrStyleThatThePolicyWouldBlock() throws IOException {
        Pattern inline = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|<style|\\sstyle=|\\son[a-z]+=",
                Pattern.CASE_INSENSITIVE);
        try (Stream<Path> files = Files.list(PAGES)) {
            List<Path> pages = files.filter(p -> p.toString().endsWith(".html")).toList();
            assertThat(pages).hasSizeGreaterThan(5);
            for (Path page : pages) {
                assertThat(inline.matcher(Files.readString(page)).find()).as(page.toString()).isFalse();
            }
        }
        try (Stream<Path> scripts = Files.list(PAGES.resolve("js"))) {
            for (Path script : scripts.toList()) {
                String code = Files.readString(script);
                assertThat(code).as(script.toString()).doesNotContain("innerHTML", "eval(", "new Function",
                        "'style'", "style:");
            }
        }
    }
}
