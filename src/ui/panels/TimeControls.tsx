// Play, pause, single step and speed, plus the virtual clock: `t+12s`.

import { virtualTime } from '../../state/format.ts';
import { useApp, useAppSelector } from '../AppContext.tsx';

function Icon({ d }: { d: string }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="12" height="12" aria-hidden="true">
      <path d={d} fill="currentColor" />
    </svg>
  );
}

export const SPEEDS = [0.5, 1, 2, 5, 10, 20] as const;

export function TimeControls() {
  const app = useApp();
  const playing = useAppSelector((s) => s.time.playing);
  const speed = useAppSelector((s) => s.time.speed);
  const now = useAppSelector((s) => s.time.nowMs);
  const hasNext = useAppSelector((s) => s.time.nextDueMs !== undefined);
  return (
    <div className="time-controls" role="group" aria-label="Virtual time">
      {playing ? (
        <button type="button" onClick={() => app.pause()} title="Pause the virtual clock">
          <Icon d="M6 4h4v16H6zM14 4h4v16h-4z" /> Pause
        </button>
      ) : (
        <button type="button" onClick={() => app.play()} title="Run the virtual clock">
          <Icon d="M7 4l13 8-13 8z" /> Play
        </button>
      )}
      <button
        type="button"
        onClick={() => app.step()}
        disabled={!hasNext}
        title="Advance to the next thing that happens"
      >
        <Icon d="M5 4l10 8-10 8zM17 4h3v16h-3z" /> Step
      </button>
      <label className="speed">
        Speed
        <select
          aria-label="Speed"
          value={String(speed)}
          onChange={(e) => app.setSpeed(Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <output className="clock" aria-label="Virtual time" data-testid="clock" data-ms={now}>
        {virtualTime(now)}
      </output>
    </div>
  );
}
