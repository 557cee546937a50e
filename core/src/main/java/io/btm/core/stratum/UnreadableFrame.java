package io.btm.core.stratum;

/**
 * A frame that is not a stratum message: not JSON, or JSON of the wrong shape.
 *
 * @param text   the frame as received, without its line end
 * @param reason what is wrong with it
 */
public record UnreadableFrame(String text, String reason) implements StratumFrame {
}
