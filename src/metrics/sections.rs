//! The report's sections that read the log but not each other, worked out
//! in parallel, beside each decision's own figures ([`super::rows`]).
//!
//! Each is a pure function of the scopes, so sharing the work between
//! threads changes nothing in the report.

use super::outcomes::Observation;
use super::registers::Registers;
use super::targets::Targets;
use super::{
    Actions, Cadence, LeadTime, Pulse, Revisits, Risks, Scope, Signals, Timeliness, actions,
    cadence, pulse, registers, rituals, signals, targets, timeliness,
};

pub(super) struct Sections<'a> {
    pub timeliness: Timeliness,
    pub actions: Actions<'a>,
    pub revisits: Revisits,
    pub registers: Registers<'a>,
    pub targets: Targets,
    pub cadence: Cadence,
    pub rituals: rituals::Rituals,
    pub lead_time: LeadTime,
    pub signals: Signals,
    pub risks: Risks,
    pub observations: Vec<Observation>,
    /// Without its outcomes, which need every decision's figures.
    pub pulse: Pulse,
}

impl<'a> Sections<'a> {
    /// `scope` is the report's window, `state` the log up to the as-of
    /// date (SPEC §6: the state is never windowed).
    pub(super) fn of(scope: &Scope<'a, '_>, state: &Scope<'a, '_>) -> Sections<'a> {
        let ((registers, targets), ((timeliness, actions), (revisits, rest))) = rayon::join(
            || rayon::join(|| registers::registers(state), || targets::targets(scope)),
            || {
                rayon::join(
                    || rayon::join(|| timeliness::timeliness(scope), || actions::actions(state)),
                    || {
                        rayon::join(
                            || actions::revisits(state),
                            || {
                                let cadence = cadence::cadence(scope);
                                let rituals = rituals::rituals(scope, &cadence);
                                (
                                    cadence,
                                    rituals,
                                    cadence::lead_time(scope),
                                    signals::signals(scope),
                                    signals::risks(scope),
                                    super::observations(scope),
                                    pulse::pulse(scope),
                                )
                            },
                        )
                    },
                )
            },
        );
        let (cadence, rituals, lead_time, signals, risks, observations, pulse) = rest;
        Sections {
            timeliness,
            actions,
            revisits,
            registers,
            targets,
            cadence,
            rituals,
            lead_time,
            signals,
            risks,
            observations,
            pulse,
        }
    }
}
