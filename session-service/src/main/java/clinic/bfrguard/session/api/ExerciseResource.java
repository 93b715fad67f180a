package clinic.bfrguard.session.api;

import clinic.bfrguard.session.domain.ExerciseCatalogue;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The exercises a set may name, from the catalogue that checks them, so no page keeps its own copy. */
@Path("/api/exercises")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
public class ExerciseResource {

    /** One exercise of the catalogue: the code a set sends and the label people read. */
    public record ExerciseView(String code, String label) {
    }

    private final List<ExerciseView> exercises;

    public ExerciseResource(ExerciseCatalogue catalogue) {
        this.exercises = catalogue.exercises().stream().map(e -> new ExerciseView(e.code(), e.label())).toList();
    }

    @GET
    @RolesAllowed({"physiotherapist", "clinician"})
    public List<ExerciseView> exercises() {
        return exercises;
    }
}
