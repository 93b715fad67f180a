package clinic.bfrguard.session.domain;

/** The only band sites: upper arms and upper thighs. */
public enum Limb {
    LEFT_ARM, RIGHT_ARM, LEFT_THIGH, RIGHT_THIGH;

    public boolean isArm() {
        return this == LEFT_ARM || this == RIGHT_ARM;
    }
}
