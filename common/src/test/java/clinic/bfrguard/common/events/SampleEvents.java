package clinic.bfrguard.common.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.UUID;

/** What a service does when its state changes, reduced to the outbox write: one event, committed on its own. */
@ApplicationScoped
public class SampleEvents {

    public static final String TOPIC = "sample-events";

    private final Outbox outbox;

    public SampleEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A patient no other test uses, so that their records on the shared topic are the test's alone. */
    public static String newPatient() {
        return "P-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Commits one event of the patient's; its envelope id, which the record on the topic carries. */
    @Transactional
    public String record(String patientId) {
        return outbox.publish(TOPIC, "SampleRecorded", patientId, Map.of("note", "sample")).id().toString();
    }
}
