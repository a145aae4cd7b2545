import { AuthSession } from './auth-session.entity';
import { AutoApproveDomain } from './auto-approve-domain.entity';
import { CoordinatorAppointment } from './coordinator-appointment.entity';
import { OneTimeToken } from './one-time-token.entity';
import { RefreshToken } from './refresh-token.entity';
import { SignIn } from './sign-in.entity';
import { RegistrationDecision } from './registration-decision.entity';
import { RtcStaffAppointment } from './rtc-staff-appointment.entity';
import { Rtc } from './rtc.entity';
import { User } from './user.entity';

/** The accounts context's tables; the apps compose every context's list into their data source. */
export const ACCOUNTS_ENTITIES = [
  User,
  CoordinatorAppointment,
  RegistrationDecision,
  AuthSession,
  RefreshToken,
  OneTimeToken,
  AutoApproveDomain,
  Rtc,
  RtcStaffAppointment,
  SignIn,
];
