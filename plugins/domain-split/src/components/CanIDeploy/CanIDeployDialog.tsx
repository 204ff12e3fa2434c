import { FormEvent, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { ResponseError } from '@backstage/errors';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type {
  CanIDeployResponse,
  GateCheck,
  GateCheckStatus,
  GateReason,
} from '@internal/plugin-domain-split-common';
import { domainSplitApiRef } from '../../api/DomainSplitApi';
import { EntityLink } from '../EntityLink';
import { ImpactChip } from '../ImpactChip';

const CHECK_LABELS: Record<GateCheck, string> = {
  'domain-tests': 'Domain tests',
  'provider-contract': 'Provider contract',
  'consumer-contract': 'Consumer contract',
  lockstep: 'Lockstep',
};

const STATUS_COLORS: Record<
  GateCheckStatus,
  'success' | 'error' | 'warning' | 'default'
> = {
  passed: 'success',
  failed: 'error',
  unknown: 'warning',
  skipped: 'default',
};

const ReasonRow = ({
  reason,
  titles,
}: {
  reason: GateReason;
  titles: Record<string, string>;
}) => (
  <Box
    component="li"
    sx={{
      display: 'grid',
      gridTemplateColumns: '90px 150px 1fr',
      gap: 1,
      py: 1,
      borderBottom: 1,
      borderColor: 'divider',
      alignItems: 'start',
    }}
  >
    <Chip
      size="small"
      variant={reason.ok ? 'outlined' : 'filled'}
      color={STATUS_COLORS[reason.status]}
      label={reason.status}
    />
    <Box>
      <Typography variant="body2" fontWeight={600}>
        {CHECK_LABELS[reason.check] ?? reason.check}
      </Typography>
      {reason.entityRefs.map(ref => (
        <Typography key={ref} variant="body2">
          <EntityLink entityRef={ref} title={titles[ref]} />
        </Typography>
      ))}
    </Box>
    <Typography variant="body2">{reason.detail}</Typography>
  </Box>
);

/**
 * The deploy gate's answer: the verdict, the reasons (with links to the entities) and what is
 * at stake if the version fails.
 * @internal
 */
export const CanIDeployAnswer = ({
  answer,
}: {
  answer: CanIDeployResponse;
}) => (
  <Box>
    <Alert
      severity={answer.deployable ? 'success' : 'error'}
      sx={{ mb: 2 }}
      aria-label="Verdict"
    >
      <strong>
        {answer.deployable ? 'Yes' : 'No'}: {answer.service} {answer.version}{' '}
        {answer.deployable ? 'can' : 'cannot'} go to {answer.environment}.
      </strong>{' '}
      {answer.liveVersion
        ? `Live there now: ${answer.liveVersion}.`
        : 'Nothing is live there yet.'}
      {answer.rollback && (
        <Chip
          size="small"
          color="warning"
          label={`rollback from ${answer.liveVersion}`}
          sx={{ ml: 1, height: 20 }}
        />
      )}
    </Alert>
    <Typography variant="subtitle2" component="h3">
      Reasons
    </Typography>
    <Box
      component="ul"
      aria-label="Reasons"
      sx={{ listStyle: 'none', p: 0, m: 0, mb: 2 }}
    >
      {answer.reasons.map((reason, i) => (
        <ReasonRow key={i} reason={reason} titles={answer.titles} />
      ))}
    </Box>
    <Typography variant="subtitle2" component="h3">
      If {answer.service} {answer.version} fails
    </Typography>
    <Box
      aria-label="Impact"
      sx={{
        display: 'flex',
        gap: 1,
        alignItems: 'center',
        flexWrap: 'wrap',
        mt: 1,
      }}
    >
      <Typography variant="body2">Users:</Typography>
      <ImpactChip impact={answer.impact.users} />
      <Typography variant="body2" sx={{ ml: 2 }}>
        {answer.impact.domainCount === 0
          ? 'No other domain is affected.'
          : `Other domains (${answer.impact.domainCount}):`}
      </Typography>
      {answer.impact.domains.map(d => (
        <Box
          key={d.domainRef}
          sx={{ display: 'inline-flex', gap: 0.5, alignItems: 'center' }}
        >
          <Typography variant="body2">
            <EntityLink
              entityRef={d.domainRef}
              title={answer.titles[d.domainRef]}
            />
          </Typography>
          <ImpactChip impact={d.impact} />
        </Box>
      ))}
    </Box>
  </Box>
);

/** The backend's own message (e.g. "Unknown service …") when the error carries one. */
function errorMessage(error: Error): string {
  const body = (error as Partial<ResponseError>).body;
  return body?.error?.message ?? error.message;
}

/** @internal */
export interface CanIDeployDialogProps {
  open: boolean;
  onClose: () => void;
  /** The service as CI names it. */
  service: string;
  environment: string;
  /** A version to ask about at once (e.g. "Roll back to this?"); else the user types one. */
  version?: string;
}

/**
 * "Can I deploy version … of S to E?": a version input, and the gate's answer with its reasons
 * and the impact if it goes wrong. With a `version`, it asks as soon as it opens.
 * @internal
 */
export const CanIDeployDialog = ({
  open,
  onClose,
  service,
  environment,
  version: initialVersion,
}: CanIDeployDialogProps) => {
  const api = useApi(domainSplitApiRef);
  const [version, setVersion] = useState(initialVersion ?? '');
  const [state, ask] = useAsyncFn(
    (v: string) => api.canIDeploy({ service, version: v, environment }),
    [api, service, environment],
  );
  useEffect(() => {
    if (open && initialVersion) {
      setVersion(initialVersion);
      ask(initialVersion);
    }
  }, [open, initialVersion, ask]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (version.trim()) ask(version.trim());
  };
  const titleId = `can-i-deploy-${service}-${environment}`;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>
        Can I deploy {service} to {environment}?
      </DialogTitle>
      <DialogContent>
        <Box
          component="form"
          onSubmit={submit}
          sx={{ display: 'flex', gap: 1, alignItems: 'center', my: 1 }}
        >
          <TextField
            size="small"
            label="Version"
            value={version}
            onChange={e => setVersion(e.target.value)}
          />
          <Button
            type="submit"
            variant="contained"
            disabled={!version.trim() || state.loading}
          >
            Ask
          </Button>
          {state.loading && <CircularProgress size={20} aria-label="Asking" />}
        </Box>
        {state.error && (
          <Alert severity="error" sx={{ mt: 1 }}>
            The gate could not answer: {errorMessage(state.error)}
          </Alert>
        )}
        {state.value && !state.loading && (
          <CanIDeployAnswer answer={state.value} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
};

/**
 * A button that opens {@link CanIDeployDialog}.
 * @internal
 */
export const CanIDeployButton = ({
  service,
  environment,
  version,
  label,
}: {
  service: string;
  environment: string;
  version?: string;
  label?: string;
}) => {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        onClick={() => setOpen(true)}
        sx={{ textTransform: 'none', whiteSpace: 'nowrap' }}
      >
        {label ?? `Can I deploy to ${environment}?`}
      </Button>
      {open && (
        <CanIDeployDialog
          open={open}
          onClose={() => setOpen(false)}
          service={service}
          environment={environment}
          version={version}
        />
      )}
    </>
  );
};
