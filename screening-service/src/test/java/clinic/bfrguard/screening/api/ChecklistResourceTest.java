package clinic.bfrguard.screening.api;

import clinic.bfrguard.testing.ClinicTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static clinic.bfrguard.screening.api.TestScreenings.newPatient;
import static clinic.bfrguard.screening.api.TestScreenings.screening;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The checklist the screening page shows is the one the service scores with. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "screening"))
class ChecklistResourceTest {

    private static JsonPath checklist() {
        return given().when().get("/api/screening-checklist")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
    }

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void everyConditionWithItsLabelAndThePointsTheServiceScores() {
        JsonPath checklist = checklist();

        List<String> codes = checklist.getList("conditions.code");
        assertThat(codes).hasSize(20).startsWith("HISTORY_OF_THROMBOSIS").contains("PREGNANCY", "DIABETES")
                .doesNotHaveDuplicates();
        assertThat(checklist.getString("conditions.find { it.code == 'HISTORY_OF_THROMBOSIS' }.label"))
                .startsWith("History of thrombosis");
        assertThat(checklist.getList("conditions.label", String.class)).allSatisfy(l -> assertThat(l).isNotBlank());
        for (String code : List.of("PREGNANCY", "MALIGNANCY", "DIABETES")) {
            int points = checklist.getInt("conditions.find { it.code == '" + code + "' }.points");
            int scored = given().contentType(ContentType.JSON)
                    .body(screening(newPatient(), 120, 80, "\"" + code + "\""))
                    .when().post("/api/screenings")
                    .then().statusCode(201).extract().path("totalPoints");
            assertThat(points).as(code).isEqualTo(scored);
        }

        assertThat(checklist.getList("limbConditions.code")).containsExactly("LIMB_DIALYSIS_ACCESS",
                "LIMB_LYMPHOEDEMA", "LIMB_WOUND_OR_INFECTION", "LIMB_FRACTURE", "LIMB_MASTECTOMY_SIDE");
        assertThat(checklist.getString("limbConditions.find { it.code == 'LIMB_DIALYSIS_ACCESS' }.label"))
                .isEqualTo("Dialysis access");
    }

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void cliniciansReadItToo() {
        assertThat(checklist().getList("conditions")).hasSize(20);
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void otherRolesAreForbidden() {
        given().when().get("/api/screening-checklist").then().statusCode(403);
    }

    @Test
    void anonymousIsUnauthorized() {
        given().when().get("/api/screening-checklist").then().statusCode(401);
    }
}
