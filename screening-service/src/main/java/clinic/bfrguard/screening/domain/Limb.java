package clinic.bfrguard.screening.domain;

/** The only band sites: upper arms and upper thighs. */
public enum Limb {
    LEFT_ARM, RIGHT_ARM, LEFT_THIGH, RIGHT_THIGH
}
