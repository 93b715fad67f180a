package clinic.bfrguard.web.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ConsoleConfigResourceTest {

    @Test
    void pagesLearnTheLocalStackByDefault() {
        given().get("/config.json").then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("realmUrl", equalTo("http://localhost:8180/realms/clinic"))
                .body("clientId", equalTo("clinic-web"))
                .body("screeningUrl", equalTo("http://localhost:8081"))
                .body("sessionUrl", equalTo("http://localhost:8082"))
                .body("alertUrl", equalTo("http://localhost:8083"))
                .body("notificationUrl", equalTo("http://localhost:8084"))
                .body("streamSilenceMillis", equalTo(35000))
                .body("idleLockMillis", equalTo(900000));
    }

    @Test
    void everyPageIsServed() {
        for (String page : new String[] {"/", "/screening.html", "/session.html", "/board.html",
                "/oncall.html", "/contacts.html", "/floor.html", "/record.html"}) {
            given().get(page).then().statusCode(200).contentType(containsString("text/html"))
                    .body(containsString("BFR Guard"));
        }
        for (String script : new String[] {"/js/auth.js", "/js/api.js", "/js/session.js", "/js/board.js",
                "/js/screening.js", "/js/sse.js", "/js/oncall.js", "/js/contacts.js", "/js/push.js", "/js/fields.js",
                "/js/home.js", "/js/floor.js", "/js/record.js",
                // the chart library, from its webjar, without a version in the path
                "/webjars/echarts/dist/echarts.esm.min.js"}) {
            given().get(script).then().statusCode(200).contentType(containsString("javascript"));
        }
    }

    @Test
    void theServiceWorkerIsServedAtTheRootAsAScript() {
        // a browser registers a worker only from a script of its own origin, and its scope "/" only from the root
        given().get("/sw.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("showNotification"))
                .body(containsString("notificationclick"));
    }

    @Test
    void healthIsOpen() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
