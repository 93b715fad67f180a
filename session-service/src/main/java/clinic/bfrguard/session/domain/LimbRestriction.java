package clinic.bfrguard.session.domain;

import java.util.Map;

/**
 * No band on {@code limb}, because of the condition {@code code} found at screening. The code is kept as the
 * screening-service sent it, so that a condition added there later still restricts the limb here.
 */
public record LimbRestriction(String code, Limb limb) {

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "LIMB_DIALYSIS_ACCESS", "dialysis access",
            "LIMB_LYMPHOEDEMA", "lymphoedema",
            "LIMB_WOUND_OR_INFECTION", "wound or infection",
            "LIMB_FRACTURE", "fracture",
            "LIMB_MASTECTOMY_SIDE", "mastectomy side");

    public String description() {
        return DESCRIPTIONS.getOrDefault(code, code);
    }
}
