export {
  CanIDeployAnswer,
  CanIDeployButton,
  CanIDeployDialog,
} from './CanIDeployDialog';
export type { CanIDeployDialogProps } from './CanIDeployDialog';
