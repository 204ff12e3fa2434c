import { useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { ContextMapChoice } from '@internal/plugin-domain-split-common';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useDomainSplitData } from '../../hooks/useDomainSplitData';

/** Choices a picker shows at once; typing narrows them on the server. */
export const CHOICES_PAGE = 50;

/** The last row of a list cut at {@link CHOICES_PAGE}: says how many more there are. */
const MORE = '';

/**
 * A type-ahead picker of the context map's domains or teams: asks the backend for the first
 * {@link CHOICES_PAGE} matching what is typed (GET /context-map/domains|teams?q=, when typing
 * pauses) when opened,
 * so a catalog of thousands of domains sends no list the reader does not open.
 * @internal
 */
export const ChoicePicker = (props: {
  kind: 'domains' | 'teams';
  label: string;
  value?: ContextMapChoice;
  onChange: (entityRef: string | undefined) => void;
}) => {
  const { kind, label, value, onChange } = props;
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const q = useDebouncedValue(typed);
  const choices = useDomainSplitData(
    api =>
      open
        ? api.getContextMapChoices(kind, { q, limit: CHOICES_PAGE })
        : Promise.resolve(undefined),
    [kind, open, q],
  );
  const page = choices.value;
  const more = page ? page.totalItems - page.items.length : 0;
  const options: ContextMapChoice[] = [
    ...(page?.items ?? []),
    ...(more > 0
      ? [{ entityRef: MORE, title: `${more} more: type to narrow` }]
      : []),
  ];
  return (
    <Autocomplete
      sx={{ minWidth: 240 }}
      size="small"
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      options={options}
      loading={choices.loading}
      // The backend filters (the same matchesFilter as every filter box).
      filterOptions={x => x}
      value={value ?? null}
      getOptionLabel={c => c.title}
      getOptionDisabled={c => c.entityRef === MORE}
      isOptionEqualToValue={(a, b) => a.entityRef === b.entityRef}
      onInputChange={(_, text, reason) =>
        setTyped(reason === 'input' ? text : '')
      }
      onChange={(_, c) => onChange(c?.entityRef || undefined)}
      renderInput={p => <TextField {...p} label={label} />}
    />
  );
};
