package clinic.bfrguard.alert.api;

import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.HealthContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class HealthTest extends HealthContract {
}
