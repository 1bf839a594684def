package org.trapline.models.rtc;

/**
 * How far the next alarm is (MC146818A 'Alarm': the alarm fires at the update cycle whose new time
 * equals the three alarm bytes, a byte holding a don't-care code 11xxxxxx matching any value).
 * The search works field by field, from the hour down, in the same steps QEMU 7.2's get_next_alarm
 * takes, so that out-of-range alarm values land where QEMU lands them.
 */
final class AlarmSearch {
    private static final int SEC_PER_MIN = 60;
    private static final int MIN_PER_HOUR = 60;
    private static final int HOUR_PER_DAY = 24;
    private static final int SEC_PER_DAY = 86400;

    private AlarmSearch() {
    }

    /**
     * Seconds from the current time to the next alarm, 1 to 86400. A field of -1 is don't care.
     *
     * @param hour alarm hour 0-23 or -1; {@code min}, {@code sec} likewise
     */
    static int secondsToNext(int hour, int min, int sec, int curHour, int curMin, int curSec) {
        int h = hour;
        int m = min;
        int s = sec;
        if (h == -1) {
            h = curHour;
            if (m == -1) {
                m = curMin;
                if (s == -1) {
                    s = curSec + 1;
                } else if (curSec > s) {
                    m++;
                }
            } else if (curMin == m) {
                if (s == -1) {
                    s = curSec + 1;
                } else if (curSec > s) {
                    h++;
                }
                if (s == SEC_PER_MIN) { // the minute is fixed: the next match is an hour on
                    s = 0;
                    h++;
                }
            } else if (curMin > m) {
                h++;
            }
        } else if (curHour == h) {
            if (m == -1) {
                m = curMin;
                if (s == -1) {
                    s = curSec + 1;
                } else if (curSec > s) {
                    m++;
                }
                if (s == SEC_PER_MIN) {
                    s = 0;
                    m++;
                }
                m %= MIN_PER_HOUR; // the hour is fixed: past its end the match is tomorrow
            } else if (curMin == m) {
                if (s == -1) {
                    s = curSec + 1;
                }
                s %= SEC_PER_MIN;
            }
        }
        // Fields still don't care match at the start of the next minute or hour.
        if (m == -1) {
            m = 0;
        }
        if (s == -1) {
            s = 0;
        }
        if (s == SEC_PER_MIN) {
            s = 0;
            m++;
        }
        if (m == MIN_PER_HOUR) {
            m = 0;
            h++;
        }
        h %= HOUR_PER_DAY;
        int seconds = ((h - curHour) * MIN_PER_HOUR + m - curMin) * SEC_PER_MIN + s - curSec;
        return seconds <= 0 ? seconds + SEC_PER_DAY : seconds;
    }
}
