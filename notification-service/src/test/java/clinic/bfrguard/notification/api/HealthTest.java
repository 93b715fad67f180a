package clinic.bfrguard.notification.api;

import clinic.bfrguard.notification.support.NotificationTestResources;
import clinic.bfrguard.testing.HealthContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(NotificationTestResources.class)
class HealthTest extends HealthContract {
}
