package org.teeka.center;

/**
 * A place where vaccine is kept cold: a district store, a hospital store, or an ice-lined
 * refrigerator (ILR) at a center.
 *
 * @param centerId the center an ILR stands in; may be null for stores
 */
public record ColdChainPoint(int id, Kind kind, String name, int stateId, int districtId, Integer centerId) {

    public enum Kind {
        DISTRICT_STORE,
        HOSPITAL_STORE,
        ILR;

        public String messageKey() {
            return "cold-chain.kind." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
