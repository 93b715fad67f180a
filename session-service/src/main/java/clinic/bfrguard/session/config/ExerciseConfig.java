package clinic.bfrguard.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.util.List;

/**
 * The clinic's exercise catalogue ({@code clinic.exercises}). The default here is written nowhere else: a clinic that
 * trains other exercises sets the whole list, e.g. {@code CLINIC_EXERCISES=LEG_PRESS,SQUAT,STEP_UP}.
 */
@ConfigMapping(prefix = "clinic.exercises")
public interface ExerciseConfig {

    /**
     * Exercise codes in upper snake case, in the order the console offers them; each one's label is its words. The
     * list is {@code clinic.exercises} itself: the mapping's own name, not a property under it.
     */
    @WithParentName
    @WithDefault("LEG_PRESS,KNEE_EXTENSION,HAMSTRING_CURL,SQUAT,SPLIT_SQUAT,CALF_RAISE,HIP_ABDUCTION,HIP_ADDUCTION,"
            + "BICEPS_CURL,TRICEPS_EXTENSION,BENCH_PRESS,SHOULDER_PRESS,LATERAL_RAISE,ROW,WALKING,CYCLING")
    List<String> codes();
}
