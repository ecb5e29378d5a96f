// The company's own settings on the Canned answers screen: its name ({{ company.name }}) and
// whether links in replies become tracked short links. Admins edit them; leads read them.

import { useState } from 'preact/hooks';
import * as api from './api';
import type { CompanySettings } from './api';
import { errorText } from './format';
import { strings } from './strings';

export function CompanyForm({
  company,
  canEdit,
  onSaved,
}: {
  company: CompanySettings;
  canEdit: boolean;
  onSaved: (company: CompanySettings) => void;
}) {
  const s = strings.canned;
  const [name, setName] = useState(company.name);
  const [track, setTrack] = useState(company.track_links);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (saving || !canEdit) return;
    setSaving(true);
    setError(null);
    setNotice(null);
    try {
      const stored = await api.putCompanySettings(name, track);
      setName(stored.name);
      setTrack(stored.track_links);
      onSaved(stored);
      setNotice(s.companySaved);
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 401) return;
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="canned-company" onSubmit={submit} aria-labelledby="canned-company-title">
      <h2 id="canned-company-title">{s.company}</h2>
      <div class="field">
        <label for="company-name">{s.companyName}</label>
        <input
          id="company-name"
          type="text"
          maxLength={200}
          value={name}
          disabled={!canEdit}
          aria-describedby="company-name-hint"
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <p id="company-name-hint" class="field-hint">
          {s.companyNameHint}
        </p>
      </div>
      <label class="check">
        <input
          id="company-track-links"
          type="checkbox"
          checked={track}
          disabled={!canEdit}
          aria-describedby="company-track-hint"
          onChange={(e) => setTrack(e.currentTarget.checked)}
        />
        {s.trackLinks}
      </label>
      <p id="company-track-hint" class="field-hint">
        {s.trackLinksHint(company.public_url)}
      </p>
      {canEdit && (
        <div class="form-actions">
          <span class="form-error" role="alert">
            {error}
          </span>
          <span class="muted small" role="status">
            {notice}
          </span>
          <button type="submit" class="button" id="company-save" disabled={saving} aria-busy={saving}>
            {saving ? s.saving : s.companySave}
          </button>
        </div>
      )}
    </form>
  );
}
