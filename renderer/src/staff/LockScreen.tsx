import { type Staff, verifyPin } from '@cellardoor/shared';
import { useEffect, useState } from 'react';
import { useApp } from '../app/context';
import { useObservable } from '../data/use-query';
import { pinThrottle } from './pin-throttle';
import { useStaffSession } from './session-store';

const pauseSentence = (ms: number) => `Too many wrong PINs. Try again in ${Math.ceil(ms / 1000)} seconds.`;

/** The shared tablet's lock: pick your name, type your PIN. */
export function LockScreen() {
  const { db, credentials } = useApp();
  const signIn = useStaffSession((s) => s.signIn);
  const lockedBecause = useStaffSession((s) => s.lockedBecause);
  const staff = useObservable(() => db.staff.find({ selector: { isActive: true }, sort: [{ id: 'asc' }] }).$, [], [db]);
  const [chosen, setChosen] = useState<Staff | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [pausedMs, setPausedMs] = useState(() => pinThrottle.waitMs());

  // After too many wrong PINs entry pauses (pin-throttle.ts); the screen comes back by itself.
  useEffect(() => {
    if (pausedMs <= 0) return;
    const timer = setTimeout(() => {
      setPausedMs(pinThrottle.waitMs());
      setError(null);
    }, pausedMs);
    return () => clearTimeout(timer);
  }, [pausedMs]);
  const paused = () => {
    const ms = pinThrottle.waitMs();
    setPausedMs(ms);
    if (ms > 0) setError(pauseSentence(ms));
    return ms > 0;
  };
  const unlock = (who: Staff) => {
    pinThrottle.right();
    signIn({ id: who.id, name: who.name, role: who.role });
  };
  const wrong = () => {
    pinThrottle.wrong();
    setPin('');
    if (!paused()) setError('That PIN is not right.');
  };

  // Digits typed on the pad unlock as soon as they form the right PIN; OK reports a wrong one, and
  // so does clearing four or more digits that did not unlock (each was a guess).
  const press = async (digit: string) => {
    if (!chosen || checking || paused()) return;
    const next = (pin + digit).slice(0, 8);
    setPin(next);
    setError(null);
    if (next.length >= 4 && (await verifyPin(chosen.pinHash, next))) unlock(chosen);
  };

  return (
    <main className="center-screen">
      <div className="card stack" style={{ width: 'min(560px, 100%)' }}>
        <h1>Who is working?</h1>
        <p className="hint">{credentials.deviceName}</p>
        {lockedBecause && (
          <p className="notice" role="status">
            {lockedBecause}
          </p>
        )}
        {staff.length === 0 && <p className="notice warn">No staff members have synced to this tablet yet. Connect it to the venue's network.</p>}
        <ul className="row staff-list" aria-label="Staff members">
          {staff.map((s) => (
            <li key={s.id}>
              <button
                className={`btn ${chosen?.id === s.id ? 'primary' : ''}`}
                aria-pressed={chosen?.id === s.id}
                onClick={() => {
                  setChosen(s.toJSON() as Staff);
                  setPin('');
                  setError(null);
                }}
              >
                {s.name}
              </button>
            </li>
          ))}
        </ul>
        {chosen && (
          <form
            className="stack"
            onSubmit={async (e) => {
              e.preventDefault();
              if (paused()) return setPin('');
              setChecking(true);
              const ok = await verifyPin(chosen.pinHash, pin);
              setChecking(false);
              if (ok) unlock(chosen);
              else wrong();
            }}
          >
            <label htmlFor="pin" className="label">
              PIN for {chosen.name}
            </label>
            <input
              id="pin"
              className="input"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
              autoFocus
            />
            <div className="pinpad" role="group" aria-label="PIN pad">
              {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
                <button type="button" key={d} className="btn" onClick={() => void press(d)}>
                  {d}
                </button>
              ))}
              <button type="button" className="btn" onClick={() => (pin.length >= 4 ? wrong() : setPin(''))} aria-label="Clear PIN">
                C
              </button>
              <button type="button" className="btn" onClick={() => void press('0')}>
                0
              </button>
              <button type="submit" className="btn primary" disabled={pausedMs > 0}>
                Unlock
              </button>
            </div>
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
          </form>
        )}
      </div>
    </main>
  );
}
