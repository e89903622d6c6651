import { operatorRole, type OperatorRoleKey } from '@rtc-console/core/shared';
import { useI18n } from 'vue-i18n';

/** An operator role's label in the user's language. */
export function useOperatorRoleLabel() {
  const { locale } = useI18n();
  return (key: OperatorRoleKey) => operatorRole(key).label[locale.value === 'zh-CN' ? 'zh-CN' : 'en'];
}
